namespace MedImaging.Aws.S3;

/// <summary>How request bodies that are already in memory are sent to S3.</summary>
public static class S3Bodies
{
    /// <summary>
    /// False: the body goes as one signed payload (one SHA-256 over it) instead of the SDK's default aws-chunked
    /// encoding, which signs every 80 KB chunk separately and copies the body through two fresh chunk buffers per
    /// request. The stored object is the same; only the transfer encoding differs.
    /// </summary>
    public const bool UseChunkEncoding = false;
}
