using MedImaging.Aws.S3;

namespace MedImaging.Api.Uploads;

/// <summary>
/// One file of an upload request, opened for storing: read as far as its header needs, identified, and guarded so
/// that it is refused (<see cref="UploadRejectedException"/>) if it ends before its declared lengths do. Reading
/// <see cref="Source"/> to its end (storing it) runs that last check.
/// </summary>
public sealed class IncomingFile : IDisposable
{
    private IncomingFile(ChunkedUploadSource source, UploadedFileIdentity identity)
    {
        Source = source;
        Identity = identity;
    }

    public ChunkedUploadSource Source { get; }
    public UploadedFileIdentity Identity { get; }

    public static async Task<IncomingFile> OpenAsync(Stream file, UploadOptions options, string uploadId, string imageId, CancellationToken cancellationToken)
    {
        var guarded = new FileLengthGuard(file);
        var source = await ChunkedUploadSource.OpenAsync(guarded, options.MaxFileBytes, S3StreamUploader.PartSize, FileIdentification.FirstReadBytes, cancellationToken);
        try
        {
            if (source.TotalBytes == 0) throw UploadRejectedException.Empty();
            var identity = await FileIdentification.IdentifyAsync(source, options.MaxHeaderBytes, uploadId, imageId, cancellationToken);
            // A file read whole is checked now; a longer one when its last byte is read, before its upload completes.
            if (source.IsLastChunk) identity.CheckLength(source.TotalBytes);
            guarded.Identity = identity;
            return new IncomingFile(source, identity);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    public void Dispose() => Source.Dispose();
}
