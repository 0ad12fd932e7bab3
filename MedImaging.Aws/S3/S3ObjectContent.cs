namespace MedImaging.Aws.S3;

/// <summary>An object read whole: its bytes, content type and ETag (quoted, as S3 sends it).</summary>
/// <param name="Sha256">The content's lower-case hex SHA-256 when the read computed it (it was asked to check one).</param>
public sealed record S3ObjectContent(byte[] Content, string ContentType, string? ETag, string? Sha256 = null);
