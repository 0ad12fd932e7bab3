using Amazon.Runtime.Signing;

namespace MedImaging.Aws.Signing;

/// <summary>
/// Signs AWS JSON/Query protocol requests with AWSSDK.Core's <see cref="AWSSigV4Signer"/>, over exactly the headers
/// botocore signs for these protocols (host, x-amz-date, content-type, x-amz-target, x-amz-content-sha256).
/// AWSSDK's own SigV4SigningHandler would also sign Content-Length, which is valid but no longer matches the
/// reference vector the SQS client is pinned to.
/// </summary>
public sealed class AwsProtocolSigningHandler(AWSSigV4Parameters parameters, HttpMessageHandler innerHandler)
    : DelegatingHandler(innerHandler)
{
    private static readonly string[] SignedRequestHeaders = ["X-Amz-Target"];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var signingRequest = new AWSSigningRequest
        {
            HttpMethod = request.Method,
            RequestUri = request.RequestUri!,
            Content = body,
        };
        if (request.Content?.Headers.ContentType is { } contentType)
        {
            signingRequest.Headers["content-type"] = contentType.ToString();
        }
        foreach (var name in SignedRequestHeaders)
        {
            if (request.Headers.TryGetValues(name, out var values))
            {
                signingRequest.Headers[name.ToLowerInvariant()] = string.Join(",", values);
            }
        }
        signingRequest.Headers["x-amz-content-sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body));

        var result = await AWSSigV4Signer.SignAsync(signingRequest, parameters, cancellationToken);
        foreach (var (name, value) in result.Headers)
        {
            if (!name.Equals("host", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.Remove(name);
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }
        return await base.SendAsync(request, cancellationToken);
    }
}
