using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace MedImaging.Aws.Signing;

/// <summary>Builds HttpClients whose every request is SigV4-signed with AWSSDK.Core's signer.</summary>
public static class SignedHttpClientFactory
{
    /// <param name="timeout">Must exceed the longest long-poll the caller makes (SQS waits up to 20 s).</param>
    public static HttpClient Create(AWSCredentials credentials, string region, string service, Uri endpoint, TimeSpan timeout)
    {
        var transport = CreateTransport();
        var parameters = new AWSSigV4Parameters
        {
            Credentials = credentials,
            Region = RegionEndpoint.GetBySystemName(region),
            Service = service,
        };
        var signer = new AwsProtocolSigningHandler(parameters, transport);
        return new HttpClient(signer) { BaseAddress = endpoint, Timeout = timeout };
    }

    /// <summary>The shared connection pool of one AWS client, for clients that sign their requests themselves.</summary>
    public static SocketsHttpHandler CreateTransport() => new()
    {
        // A redirect followed below the signer would go out unsigned, so never follow one.
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(10),
    };
}
