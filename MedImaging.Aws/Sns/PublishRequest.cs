
namespace MedImaging.Aws.Sns;

/// <summary>A notification to publish; FIFO topics need <see cref="MessageGroupId"/>.</summary>
public sealed record PublishRequest(string TopicArn, string Message)
{
    public string? Subject { get; init; }
    public string? MessageGroupId { get; init; }
    public string? MessageDeduplicationId { get; init; }
    public IReadOnlyDictionary<string, SnsMessageAttribute>? MessageAttributes { get; init; }
}
