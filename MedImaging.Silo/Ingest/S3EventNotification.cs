using System.Text.Json;
using System.Text.Json.Serialization;

namespace MedImaging.Silo.Ingest;

/// <summary>The S3 event notification JSON an SQS queue receives (only the fields ingest reads).</summary>
public sealed record S3EventNotification([property: JsonPropertyName("Records")] IReadOnlyList<S3EventRecord>? Records)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The event's records; empty for S3's test event. Throws <see cref="JsonException"/> for anything else.</summary>
    public static IReadOnlyList<S3EventRecord> Parse(string body) =>
        JsonSerializer.Deserialize<S3EventNotification>(body, Json)?.Records ?? [];
}

public sealed record S3EventRecord(string? EventName, DateTimeOffset? EventTime, S3EventEntity? S3)
{
    public bool IsObjectCreated => EventName?.StartsWith("ObjectCreated", StringComparison.Ordinal) == true;

    public string? Bucket => S3?.Bucket?.Name;

    /// <summary>The object key, which S3 sends URL-encoded (spaces as '+').</summary>
    public string? Key => S3?.Object?.Key is { } key ? Uri.UnescapeDataString(key.Replace('+', ' ')) : null;
}

public sealed record S3EventEntity(S3EventBucket? Bucket, S3EventObject? Object);

public sealed record S3EventBucket(string? Name);

public sealed record S3EventObject(string? Key, long? Size, string? ETag);
