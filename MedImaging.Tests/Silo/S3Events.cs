using System.Text.Json;

namespace MedImaging.Tests.Silo;

/// <summary>The S3 ObjectCreated notification the ingest bucket sends its queue on AWS (fauxqs sends none, so tests do).</summary>
public static class S3Events
{
    public static string ObjectCreated(string bucket, string key, long size) => JsonSerializer.Serialize(new
    {
        Records = new[]
        {
            new
            {
                eventVersion = "2.1",
                eventSource = "aws:s3",
                eventName = "ObjectCreated:Put",
                eventTime = DateTimeOffset.UtcNow,
                s3 = new { bucket = new { name = bucket }, @object = new { key = Uri.EscapeDataString(key).Replace("%2F", "/", StringComparison.Ordinal), size } },
            },
        },
    });
}
