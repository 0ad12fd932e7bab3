using System.Security.Cryptography;
using Amazon.Runtime;
using MedImaging.Aws.S3;

namespace MedImaging.Aws.Signing;

/// <summary>
/// Signs AWS JSON/Query protocol requests with <see cref="SigV4Signer"/>, over exactly the headers botocore signs for
/// these protocols (host, x-amz-date, content-type, x-amz-target, x-amz-content-sha256, plus x-amz-security-token
/// with temporary credentials). Signing Content-Length too would be valid, but would no longer match the reference
/// vector the SQS client is pinned to.
/// </summary>
public sealed class AwsProtocolSigningHandler(SigV4Signer signer, AWSCredentials credentials, HttpMessageHandler innerHandler, TimeProvider? timeProvider = null)
    : DelegatingHandler(innerHandler)
{
    private const string TargetHeader = "X-Amz-Target";

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("A request to sign needs an absolute URI.");
        var headers = new List<KeyValuePair<string, string>>(3) { new("host", uri.IsDefaultPort ? uri.IdnHost : $"{uri.IdnHost}:{uri.Port}") };
        if (request.Content?.Headers.ContentType is { } contentType) headers.Add(new("content-type", contentType.ToString()));
        if (request.Headers.TryGetValues(TargetHeader, out var target)) headers.Add(new("x-amz-target", string.Join(",", target)));
        var payloadHash = request.Content is null ? SigV4Signer.EmptyPayloadHash : await PayloadHashAsync(request.Content, cancellationToken);
        var current = await credentials.GetCredentialsAsync();

        // Services other than S3 sign the path encoded once more than it was sent.
        var path = S3UriEncoding.Encode(uri.AbsolutePath, keepSlashes: true);
        var signature = signer.Sign(new SigV4Request(request.Method.Method, path, QueryOf(uri), headers, payloadHash, SignPayloadHash: true), current, _time.GetUtcNow());
        foreach (var (name, value) in signature.HeadersToSend)
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return await base.SendAsync(request, cancellationToken);
    }

    // Our clients send byte-array bodies: those are read in place. Any other content is buffered first, so that it can
    // still be sent after it was hashed.
    private static async Task<string> PayloadHashAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content is not ByteArrayContent) await content.LoadIntoBufferAsync(cancellationToken);
        await using var body = await content.ReadAsStreamAsync(cancellationToken);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(body, cancellationToken));
    }

    private static List<KeyValuePair<string, string>> QueryOf(Uri uri)
    {
        var query = uri.Query;
        if (query.Length <= 1) return [];
        return query[1..].Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(parts => new KeyValuePair<string, string>(Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : ""))
            .ToList();
    }
}
