using System.Net;
using System.Text;

namespace MedImaging.Tests.Aws.Signing;

/// <summary>Stands in for the network below the signer: keeps the signed request and answers a canned body.</summary>
internal sealed class RecordingHandler(string responseBody) : HttpMessageHandler
{
    public HttpRequestMessage? Request { get; private set; }
    public string? RequestBody { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Request = request;
        RequestBody = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        return new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(responseBody, Encoding.UTF8, "application/x-amz-json-1.0"),
        };
    }
}
