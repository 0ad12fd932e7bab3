namespace MedImaging.Tests.TestHosting;

/// <summary>A resource's port is already taken by another process.</summary>
public sealed class PortInUseException(string resource, int port)
    : ResourceStartException(resource, $"port {port} is already in use; stop the process holding it or choose another port")
{
    public int Port { get; } = port;
}
