namespace MedImaging.AppHost.Hosting;

/// <summary>fauxqs: S3, SQS and SNS in one in-memory Node server, bound to 127.0.0.1 by our launcher script.</summary>
public sealed class FauxqsResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithEndpoints
{
    public const string EndpointName = "http";

    public EndpointReference Endpoint => new(this, EndpointName);
}
