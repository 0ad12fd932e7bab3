namespace MedImaging.Aws.S3;

/// <summary>An object read whole: its bytes, content type and ETag (quoted, as S3 sends it).</summary>
public sealed record S3ObjectContent(byte[] Content, string ContentType, string? ETag);
