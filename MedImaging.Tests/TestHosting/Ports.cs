using System.Net;
using System.Net.Sockets;

namespace MedImaging.Tests.TestHosting;

/// <summary>Free-port selection and "is this port taken" checks on the loopback interface.</summary>
public static class Ports
{
    /// <summary>A port free right now on 127.0.0.1 (and on every interface, for servers that cannot bind loopback only).</summary>
    public static int PickFree()
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            if (IsFree(port, allInterfaces: true))
            {
                return port;
            }
        }
        throw new InvalidOperationException("no free TCP port found on 127.0.0.1");
    }

    /// <summary>
    /// <paramref name="count"/> distinct ports free right now on 127.0.0.1: all are held until each is picked, or the
    /// system could hand out the same port twice (a process's HTTP port and its Orleans ports, say).
    /// </summary>
    public static IReadOnlyList<int> PickFree(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            foreach (var listener in listeners) listener.Start();
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToList();
        }
        finally
        {
            foreach (var listener in listeners) listener.Stop();
        }
    }

    public static bool IsFree(int port, bool allInterfaces = false)
    {
        return CanBind(IPAddress.Loopback, port) && (!allInterfaces || CanBind(IPAddress.Any, port));
    }

    /// <summary>Throws <see cref="PortInUseException"/> when <paramref name="port"/> is taken.</summary>
    public static void EnsureFree(string resource, int port, bool allInterfaces = false)
    {
        if (!IsFree(port, allInterfaces))
        {
            throw new PortInUseException(resource, port);
        }
    }

    private static bool CanBind(IPAddress address, int port)
    {
        try
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(address, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
