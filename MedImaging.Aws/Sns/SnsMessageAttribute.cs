namespace MedImaging.Aws.Sns;

/// <summary>An SNS message attribute: DataType "String", "Number" or "Binary" (optionally with a ".suffix").</summary>
public sealed record SnsMessageAttribute(string DataType, string? StringValue = null, byte[]? BinaryValue = null)
{
    public static SnsMessageAttribute String(string value) => new("String", value);

    public static SnsMessageAttribute Number(long value) => new("Number", value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static SnsMessageAttribute Binary(byte[] value) => new("Binary", BinaryValue: value);
}
