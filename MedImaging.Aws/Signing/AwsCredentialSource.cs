using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using MedImaging.Aws.Configuration;

namespace MedImaging.Aws.Signing;

/// <summary>Chooses the credentials for a client: the default chain on real AWS, placeholders for emulators.</summary>
public static class AwsCredentialSource
{
    /// <summary>Emulators check no signatures, but every request must still be signed by someone.
    /// Letters and digits only: DynamoDB Local refuses any other access key id.</summary>
    private static readonly AWSCredentials EmulatorCredentials = new BasicAWSCredentials("medimaginglocal", "medimaginglocal");

    public static AWSCredentials For(AwsOptions options, string? serviceUrl)
    {
        if (serviceUrl is not null && !HasEnvironmentCredentials())
        {
            return EmulatorCredentials;
        }
        var credentials = DefaultAWSCredentialsIdentityResolver.GetCredentials();
        return credentials is EnvironmentVariablesAWSCredentials ? ReadOnce(credentials) : credentials;
    }

    // Environment credentials read the process environment again for every request (a visible share of each client
    // call); the environment of a running process does not change, so they are read here once.
    private static AWSCredentials ReadOnce(AWSCredentials credentials)
    {
        var current = credentials.GetCredentials();
        return current.UseToken
            ? new SessionAWSCredentials(current.AccessKey, current.SecretKey, current.Token)
            : new BasicAWSCredentials(current.AccessKey, current.SecretKey);
    }

    private static bool HasEnvironmentCredentials() =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID"))
        && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY"));
}
