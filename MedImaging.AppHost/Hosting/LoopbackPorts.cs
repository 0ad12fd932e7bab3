using System.Net;
using System.Net.Sockets;

namespace MedImaging.AppHost.Hosting;

/// <summary>
/// Free loopback ports for the emulators' endpoints. They are not proxied (every request to them would otherwise pass
/// through one more process), and Aspire allocates ports only for proxied endpoints.
/// </summary>
internal static class LoopbackPorts
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
