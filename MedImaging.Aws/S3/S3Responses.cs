using System.Net;
using System.Security.Cryptography;

namespace MedImaging.Aws.S3;

/// <summary>Reads S3 answers: object bodies of announced length, bounded error bodies, the MD5 an ETag carries.</summary>
internal static class S3Responses
{
    /// <summary>Error and CopyObject result bodies are small XML documents; anything larger is not parsed.</summary>
    private const int MaxDocumentBytes = 64 * 1024;

    /// <summary>
    /// Reads the body into one array of exactly the announced length. A body shorter than announced fails with an
    /// <see cref="EndOfStreamException"/> (an I/O failure, as a connection cut mid-body is).
    /// </summary>
    public static async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        if (response.Content.Headers.ContentLength is { } length)
        {
            if (length > Array.MaxLength) throw new S3IntegrityException(operation, $"announced length {length} exceeds what one array holds");
            var content = GC.AllocateUninitializedArray<byte>((int)length);
            await body.ReadExactlyAsync(content, cancellationToken);
            return content;
        }
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    /// <summary>
    /// Checks the content against the ETag when S3 made the ETag the MD5 of the object: a single-part upload
    /// ("hex", 32 digits) without SSE-KMS or customer-key encryption, whose ETags are not MD5s.
    /// </summary>
    public static void VerifyEtag(HttpResponseMessage response, byte[] content, string operation)
    {
        if (response.Headers.ETag?.Tag is not { Length: 34 } etag || etag.Contains('-')) return;
        if (response.Headers.TryGetValues("x-amz-server-side-encryption", out var sse) && sse.Any(v => v.StartsWith("aws:kms", StringComparison.Ordinal))) return;
        if (response.Headers.Contains("x-amz-server-side-encryption-customer-algorithm")) return;
        Span<byte> expected = stackalloc byte[MD5.HashSizeInBytes];
        if (Convert.FromHexString(etag.AsSpan(1, 32), expected, out _, out var written) != System.Buffers.OperationStatus.Done || written != expected.Length) return;
        Span<byte> actual = stackalloc byte[MD5.HashSizeInBytes];
        MD5.HashData(content, actual);
        if (!actual.SequenceEqual(expected)) throw new S3IntegrityException(operation, "the content differs from the MD5 its ETag announces");
    }

    /// <summary>The error of a failed answer, typed by its S3 error code (or the status name when it has no body).</summary>
    public static async Task<S3Exception> ErrorAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        var document = S3ErrorDocument.TryParse(await ReadDocumentAsync(response, cancellationToken));
        return new S3Exception(operation, document?.Code ?? StatusName(response.StatusCode), response.StatusCode, document?.Message);
    }

    /// <summary>Reads a small XML answer; a larger body yields nothing (it is not an error document).</summary>
    public static async Task<byte[]> ReadDocumentAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > MaxDocumentBytes) return [];
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxDocumentBytes];
        var filled = 0;
        int read;
        while (filled < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken)) > 0) filled += read;
        return buffer[..filled];
    }

    private static string StatusName(HttpStatusCode status) =>
        Enum.IsDefined(status) ? status.ToString() : ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
