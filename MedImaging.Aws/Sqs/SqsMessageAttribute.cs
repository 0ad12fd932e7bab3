namespace MedImaging.Aws.Sqs;

/// <summary>A message attribute: DataType "String", "Number" or "Binary" (optionally with a ".suffix").</summary>
public sealed record SqsMessageAttribute(string DataType, string? StringValue = null, byte[]? BinaryValue = null)
{
    public static SqsMessageAttribute String(string value) => new("String", value);

    public static SqsMessageAttribute Number(long value) => new("Number", value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static SqsMessageAttribute Binary(byte[] value) => new("Binary", BinaryValue: value);
}
