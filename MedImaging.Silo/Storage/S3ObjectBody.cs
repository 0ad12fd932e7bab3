using System.Security.Cryptography;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Util;
using Amazon.S3.Model;

namespace MedImaging.Silo.Storage;

/// <summary>
/// Reads a GetObject body into one array of its exact length. The SDK wraps the body in a stream that checks it
/// against the ETag with its own managed MD5, the Silo's largest single CPU cost; the same check runs here with the
/// platform's MD5 over the finished array instead, failing the same way (an <see cref="AmazonClientException"/>).
/// </summary>
public static class S3ObjectBody
{
    public static async Task<byte[]> ReadAsync(GetObjectResponse response, CancellationToken cancellationToken)
    {
        var (body, expectedMd5) = response.ResponseStream is MD5Stream { ExpectedHash: { Length: > 0 } expected } checking
            ? (checking.GetNonWrapperBaseStream(), expected)
            : (response.ResponseStream, null);
        var length = response.ContentLength;
        var content = length > 0 && length <= Array.MaxLength
            ? await ReadExactlyAsync(body, (int)length, cancellationToken)
            : await ReadToEndAsync(body, cancellationToken);
        // As the SDK's stream: compared only when the body has the length the response announced.
        if (expectedMd5 is not null && (length < 0 || content.Length == length) && !MD5.HashData(content).AsSpan().SequenceEqual(expectedMd5))
            throw new AmazonClientException("Expected hash not equal to calculated hash");
        return content;
    }

    private static async Task<byte[]> ReadExactlyAsync(Stream body, int length, CancellationToken cancellationToken)
    {
        var content = GC.AllocateUninitializedArray<byte>(length);
        await body.ReadExactlyAsync(content, cancellationToken);
        return content;
    }

    private static async Task<byte[]> ReadToEndAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
