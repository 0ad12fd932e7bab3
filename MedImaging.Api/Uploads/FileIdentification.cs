using MedImaging.Aws.S3;

namespace MedImaging.Api.Uploads;

/// <summary>
/// Identifies a file being uploaded from as much of it as its header needs: the first read, extended while a DICOM
/// header runs past what was read (to a whole part, then four times as far), up to
/// <see cref="UploadOptions.MaxHeaderBytes"/>. The extended chunk is what gets stored first: nothing is read twice.
/// </summary>
public static class FileIdentification
{
    /// <summary>
    /// How much of a file is read before trying to identify it: most headers fit, and a file refused from its header
    /// (a deflate bomb) costs this much memory while it is refused, not a whole part.
    /// </summary>
    public const int FirstReadBytes = 256 * 1024;

    public static async Task<UploadedFileIdentity> IdentifyAsync(
        ChunkedUploadSource source, long maxHeaderBytes, string uploadId, string imageId, CancellationToken cancellationToken)
    {
        var limit = (int)Math.Min(maxHeaderBytes, Array.MaxLength);
        while (true)
        {
            var head = source.Current;
            var isWholeFile = source.IsLastChunk;
            if (head.Length > limit) (head, isWholeFile) = (head[..limit], false);
            if (UploadedFileIdentity.Identify(head, isWholeFile, maxHeaderBytes, uploadId, imageId) is { } identity) return identity;
            if (head.Length >= limit || source.IsLastChunk) throw UploadRejectedException.HeaderTooLong(maxHeaderBytes);
            // A file that is not refused is read a whole part ahead before it is stored anyway; beyond that, four
            // times as far each time keeps the parses it takes few (each starts again from the first byte).
            var next = head.Length < S3StreamUploader.PartSize ? S3StreamUploader.PartSize : 4L * head.Length;
            await source.ExtendAsync((int)Math.Min(limit, next), cancellationToken);
        }
    }
}
