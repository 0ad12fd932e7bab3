namespace MedImaging.Aws.S3;

/// <summary>An object written to S3, with its size and the SHA-256 of its content.</summary>
public sealed record StoredObject(string Bucket, string Key, long Size, string ContentSha256);
