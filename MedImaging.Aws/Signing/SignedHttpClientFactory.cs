using Amazon.Runtime;

namespace MedImaging.Aws.Signing;

/// <summary>Builds HttpClients whose every request is SigV4-signed by <see cref="AwsProtocolSigningHandler"/>.</summary>
public static class SignedHttpClientFactory
{
    /// <param name="timeout">Must exceed the longest long-poll the caller makes (SQS waits up to 20 s).</param>
    public static HttpClient Create(AWSCredentials credentials, string region, string service, Uri endpoint, TimeSpan timeout)
    {
        var signer = new AwsProtocolSigningHandler(new SigV4Signer(region, service), credentials, CreateTransport());
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
