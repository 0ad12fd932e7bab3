using System.IO.Pipelines;

namespace MedImaging.Pipeline.Storage;

/// <summary>
/// Writes an object whose content a synchronous writer produces (the DICOM writer) through a bounded pipe: the writer
/// runs on a pool thread and waits whenever <see cref="PauseBytes"/> are written but not yet read by the store, so neither
/// side ever holds the whole content.
/// </summary>
public static class StreamedPut
{
    /// <summary>How far the writer may run ahead of the store.</summary>
    public const int PauseBytes = 4 * 1024 * 1024;

    public static async Task PutAsync(IObjectStore store, ObjectLocation location, string contentType, Action<Stream> write, CancellationToken cancellationToken)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: PauseBytes, resumeWriterThreshold: PauseBytes / 2, useSynchronizationContext: false));
        var producer = Task.Run(() =>
        {
            try
            {
                using (var sink = pipe.Writer.AsStream(leaveOpen: true)) write(sink);
                pipe.Writer.Complete();
            }
            catch (Exception e)
            {
                pipe.Writer.Complete(e);
                throw;
            }
        }, CancellationToken.None);

        try
        {
            await using var content = pipe.Reader.AsStream(leaveOpen: true);
            await store.PutAsync(location, content, contentType, cancellationToken);
            await pipe.Reader.CompleteAsync();
        }
        catch (Exception e)
        {
            // The store gave up: stop the writer at its next flush (it may be waiting for room) and let it end.
            pipe.Writer.CancelPendingFlush();
            await pipe.Reader.CompleteAsync(e);
            try { await producer; } catch { /* the store's failure is the one to report */ }
            throw;
        }
        await producer;
    }
}
