using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace MedImaging.Pipeline.Analysis.Rekognition;

/// <summary>Builds the signed HttpClient the <see cref="RekognitionClient"/> runs on.</summary>
public static class RekognitionHttpClientFactory
{
    public const string SigningService = "rekognition";

    /// <param name="signedAt">A fixed signing time, for reproducing a signing vector only.</param>
    public static HttpClient Create(RekognitionOptions options, AWSCredentials credentials, HttpMessageHandler? innerHandler = null, DateTime? signedAt = null)
    {
        var parameters = new AWSSigV4Parameters
        {
            Credentials = credentials,
            Region = RegionEndpoint.GetBySystemName(options.Region),
            Service = SigningService,
            SignedAt = signedAt,
        };
        // Redirects would re-send a request signed for another host, so they are never followed.
        var signing = new SigV4SigningHandler(parameters, innerHandler ?? new SocketsHttpHandler { AllowAutoRedirect = false });
        return new HttpClient(signing) { BaseAddress = options.Endpoint, Timeout = options.Timeout };
    }
}
