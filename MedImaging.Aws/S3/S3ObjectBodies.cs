using Amazon.S3.Model;

namespace MedImaging.Aws.S3;

/// <summary>
/// Reads a GetObject answer's body whole. The SDK checks a body against the MD5 its ETag carries (single-part, not
/// SSE-KMS) when the response is disposed, and throws an AmazonClientException for one damaged on the way.
/// </summary>
public static class S3ObjectBodies
{
    /// <summary>
    /// The body in one array of exactly the announced length. A body shorter than announced fails with an
    /// <see cref="EndOfStreamException"/> (an I/O failure, as a connection cut mid-body is).
    /// </summary>
    public static async Task<byte[]> ReadAsync(GetObjectResponse response, CancellationToken cancellationToken)
    {
        var length = response.ContentLength;
        if (length > Array.MaxLength) throw new S3IntegrityException("GetObject", $"announced length {length} exceeds what one array holds");
        if (length < 0)
        {
            using var buffer = new MemoryStream();
            await response.ResponseStream.CopyToAsync(buffer, cancellationToken);
            return buffer.ToArray();
        }
        var content = GC.AllocateUninitializedArray<byte>((int)length);
        await response.ResponseStream.ReadExactlyAsync(content, cancellationToken);
        return content;
    }
}
