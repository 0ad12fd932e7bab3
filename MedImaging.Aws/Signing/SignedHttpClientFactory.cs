using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace MedImaging.Aws.Signing;

/// <summary>
/// HttpClients for the AWS APIs we call without an SDK package (SNS, CloudFormation, and SQS until it goes): every
/// request is SigV4-signed by AWSSDK.Core's <see cref="SigV4SigningHandler"/>.
/// </summary>
public static class SignedHttpClientFactory
{
    /// <param name="timeout">Must exceed the longest long-poll the caller makes (SQS waits up to 20 s).</param>
    /// <param name="transport">Below the signer (tests record requests there); a new connection pool when null.</param>
    /// <param name="signedAt">A fixed signing time, for reproducing a signing vector only.</param>
    public static HttpClient Create(
        AWSCredentials credentials, string region, string service, Uri endpoint, TimeSpan timeout,
        HttpMessageHandler? transport = null, DateTime? signedAt = null)
    {
        var parameters = new AWSSigV4Parameters
        {
            Credentials = credentials,
            Region = RegionEndpoint.GetBySystemName(region),
            Service = service,
            SignedAt = signedAt,
        };
        var signing = new SigV4SigningHandler(parameters, transport ?? CreateTransport());
        return new HttpClient(signing) { BaseAddress = endpoint, Timeout = timeout };
    }

    private static SocketsHttpHandler CreateTransport() => new()
    {
        // A redirect followed below the signer would go out unsigned, so never follow one.
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(10),
    };
}
