using System.Text.Json;
using System.Text.Json.Serialization;

namespace MedImaging.Aws.Sqs;

/// <summary>Sends a message to the dead-letter queue after <see cref="MaxReceiveCount"/> receives.</summary>
public sealed record SqsRedrivePolicy(
    [property: JsonPropertyName("deadLetterTargetArn")] string DeadLetterTargetArn,
    [property: JsonPropertyName("maxReceiveCount")] int MaxReceiveCount)
{
    /// <summary>The attribute value SQS expects: a JSON document in a string.</summary>
    public string ToAttributeValue() => JsonSerializer.Serialize(this);

    public static SqsRedrivePolicy? FromAttributeValue(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        using var document = JsonDocument.Parse(value);
        var root = document.RootElement;
        var maxReceiveCount = root.GetProperty("maxReceiveCount");
        // SQS returns the count as a number; some clients write it as a string.
        var count = maxReceiveCount.ValueKind == JsonValueKind.String
            ? int.Parse(maxReceiveCount.GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            : maxReceiveCount.GetInt32();
        return new SqsRedrivePolicy(root.GetProperty("deadLetterTargetArn").GetString()!, count);
    }
}
