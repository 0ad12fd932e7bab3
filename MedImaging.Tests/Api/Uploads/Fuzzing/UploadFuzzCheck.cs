using MedImaging.Api.Uploads;
using MedImaging.Aws.S3;
using MedImaging.Dicom;
using MedImaging.Dicom.Deidentification;
using MedImaging.Dicom.Deidentification.Policy;
using MedImaging.Dicom.Tests.Fuzzing;
using Microsoft.AspNetCore.Http;

namespace MedImaging.Tests.Api.Uploads.Fuzzing;

/// <summary>
/// One input through the Api's upload parsing, in process: the request body (<see cref="UploadRequestBody"/>), the
/// multipart reader, the first read, identification (header parse, inflate, limits, declared lengths) and reading each
/// file to its end; then every accepted DICOM file through the de-identifier and its writer. Only the refusals the
/// upload maps to problem details may come out of the upload, only the toolkit's typed exceptions out of
/// de-identification, and allocation stays within a multiple of the body (plus, for a deflated dataset, of the
/// inflated size the read allows).
/// </summary>
public static class UploadFuzzCheck
{
    public const int AllocationMultiple = 8;
    public const long AllocationAllowance = 4 << 20;

    private static readonly UploadOptions Limits = new() { MaxHeaderBytes = 1 << 20, MaxFileBytes = 64 << 20, MaxFilesPerRequest = 4 };
    private static readonly Deidentifier Deidentifier = new(DeidentificationPolicy.Basic, "fuzz-secret"u8.ToArray());

    public static (FuzzOutcome Outcome, string? Problem) Run(FuzzInput input) => Run(input, isRepeat: false);

    private static (FuzzOutcome Outcome, string? Problem) Run(FuzzInput input, bool isRepeat)
    {
        var request = UploadRequestBody.For(input);
        var readOptions = new DicomReadOptions { MaxInflatedBytes = 4L * request.Body.Length + (1 << 20) };
        var before = GC.GetAllocatedBytesForCurrentThread();
        List<(UploadedFileIdentity Identity, byte[] Bytes)> files;
        var outcome = FuzzOutcome.Read;
        try
        {
            // The bodies are in memory, so every await completes at once, on this thread (which the allocation count needs).
            files = UploadAsync(request).GetAwaiter().GetResult();
            foreach (var (identity, bytes) in files)
            {
                if (identity.Kind != UploadedFileKind.Dicom) continue;
                if (Deidentify(bytes, readOptions) is { } problem) return (FuzzOutcome.Finding, $"{request.Framing}: {problem}");
            }
        }
        catch (UploadRejectedException rejected) when (!string.IsNullOrEmpty(rejected.Type) && rejected.StatusCode is >= 400 and < 500)
        {
            outcome = FuzzOutcome.Rejected;
        }
        catch (Exception e) when (e is UploadTooLargeException or IOException or InvalidDataException or BadHttpRequestException)
        {
            outcome = FuzzOutcome.Rejected;
        }
        catch (Exception e)
        {
            return (FuzzOutcome.Finding, $"{request.Framing}: the upload threw {Describe(e)}");
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var limit = (long)AllocationMultiple * request.Body.Length + AllocationAllowance + (MayBeDeflated(input.Bytes) ? 5 * readOptions.MaxInflatedBytes : 0);
        if (allocated > limit && !isRepeat) return Run(input, isRepeat: true);
        return allocated > limit
            ? (FuzzOutcome.Finding, $"{request.Framing}: allocated {allocated} bytes for a {request.Body.Length}-byte body (limit {limit}), twice in a row")
            : (outcome, null);
    }

    private static async Task<List<(UploadedFileIdentity, byte[])>> UploadAsync(UploadRequestBody request)
    {
        var context = new DefaultHttpContext();
        context.Request.ContentType = request.ContentType;
        context.Request.Body = new MemoryStream(request.Body, writable: false);
        var files = new List<(UploadedFileIdentity, byte[])>();
        await foreach (var file in UploadedFiles.ReadAsync(context.Request, CancellationToken.None))
        {
            if (files.Count == Limits.MaxFilesPerRequest) throw UploadRejectedException.TooManyFiles(Limits.MaxFilesPerRequest);
            using var incoming = await IncomingFile.OpenAsync(file, Limits, "u-fuzz", "u-image", CancellationToken.None);
            var chunks = new List<byte[]>();
            do chunks.Add(incoming.Source.Current.ToArray());
            while (await incoming.Source.MoveNextAsync(CancellationToken.None));
            files.Add((incoming.Identity, chunks.Count == 1 ? chunks[0] : [.. chunks.SelectMany(c => c)]));
        }
        if (files.Count == 0) throw UploadRejectedException.Empty();
        return files;
    }

    /// <summary>Null when the file de-identifies and writes, or is refused with the toolkit's typed exceptions.</summary>
    private static string? Deidentify(byte[] bytes, DicomReadOptions options)
    {
        DeidentificationResult result;
        try
        {
            result = Deidentifier.Deidentify(DicomFile.Read(bytes, options));
        }
        catch (Exception e) when (e is DicomFormatException or DicomDataException or DeidentificationRefusedException)
        {
            return null;
        }
        catch (Exception e)
        {
            return $"de-identifying an accepted file threw {Describe(e)}";
        }
        try
        {
            result.File.Save(Stream.Null);
            return null;
        }
        catch (Exception e) when (e is DicomFormatException or DicomDataException)
        {
            // Bulk data is read when written: a deflated dataset cut inside a value fails there, typed.
            return null;
        }
        catch (Exception e)
        {
            return $"writing a de-identified file threw {Describe(e)}";
        }
    }

    private static bool MayBeDeflated(byte[] input) => input.AsSpan(0, Math.Min(input.Length, 4096)).IndexOf("1.2.840.10008.1.2.1.99"u8) >= 0;

    private static string Describe(Exception e) =>
        $"{e.GetType().Name}: {e.Message} at {e.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}";
}
