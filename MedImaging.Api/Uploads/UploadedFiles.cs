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

        var reader = new MultipartReader(boundary, request.Body);
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                && HeaderUtilities.RemoveQuotes(disposition.Name).Equals(FileField, StringComparison.Ordinal))
            {
                yield return section.Body;
            }
            // Other fields are skipped: the reader drains them when it moves to the next section.
        }
    }
}
