namespace MedImaging.Aws.S3;

/// <summary>Thrown when an uploaded stream exceeds the configured size limit.</summary>
public sealed class UploadTooLargeException(long limitBytes)
    : Exception($"The upload exceeds the limit of {limitBytes} bytes.")
{
    public long LimitBytes { get; } = limitBytes;
}
