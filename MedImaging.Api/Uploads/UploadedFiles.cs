using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace MedImaging.Api.Uploads;

/// <summary>
/// The files of an upload request, read one after the other straight from the request body
/// (MultipartReader, no form buffering): multipart/form-data fields named "file", or one application/dicom body.
/// </summary>
public static class UploadedFiles
{
    private const string FileField = "file";

    /// <summary>
    /// Bytes the multipart reader may read between two parts' bodies (boundary, part headers) or before the first
    /// (preamble): the reader's own header limit is 16 KiB, and it reads ahead in 4 KiB buffers.
    /// </summary>
    public const int HeaderBudget = 64 * 1024;

    public static async IAsyncEnumerable<Stream> ReadAsync(HttpRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType))
            throw UploadRejectedException.UnsupportedRequest(request.ContentType);

        if (contentType.MediaType.Equals("application/dicom", StringComparison.OrdinalIgnoreCase))
        {
            yield return request.Body;
            yield break;
        }
        if (!contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 } boundary)
        {
            throw UploadRejectedException.UnsupportedRequest(request.ContentType);
        }

        var body = new HeaderBudgetStream(request.Body, HeaderBudget);
        var reader = new MultipartReader(boundary, body);
        while (true)
        {
            body.StartHeaders();
            var section = await reader.ReadNextSectionAsync(cancellationToken);
            body.EndHeaders();
            if (section is null) yield break;
            if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                && HeaderUtilities.RemoveQuotes(disposition.Name).Equals(FileField, StringComparison.Ordinal))
            {
                yield return section.Body;
            }
            // Read to its end here (streamed, not buffered), so that only boundaries and headers spend the budget.
            await section.Body.CopyToAsync(Stream.Null, cancellationToken);
        }
    }
}
