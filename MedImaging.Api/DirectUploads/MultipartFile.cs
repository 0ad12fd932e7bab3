namespace MedImaging.Api.DirectUploads;

/// <summary>A declared file that the client PUTs in parts to one S3 multipart upload.</summary>
public sealed record MultipartFile(int Index, string UploadId, long PartSize, int PartCount)
{
    /// <summary>S3 allows at most this many parts per upload.</summary>
    public const int MaxParts = 10_000;

    /// <summary>The configured part size, grown when the file would otherwise need more than <see cref="MaxParts"/> parts.</summary>
    public static long PartSizeFor(long fileSize, long configuredPartSize) =>
        Math.Max(configuredPartSize, (fileSize + MaxParts - 1) / MaxParts);

    public static int PartCountFor(long fileSize, long partSize) => (int)((fileSize + partSize - 1) / partSize);
}
