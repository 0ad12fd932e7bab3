using System.Globalization;
using System.Net;

namespace MedImaging.Tests.TestHosting;

/// <summary>The machine's listening TCP sockets as the kernel reports them (/proc/net/tcp and tcp6).</summary>
public static class LoopbackListeners
{
    private const string Listen = "0A";

    public static IReadOnlyList<IPEndPoint> ListeningSockets() =>
        [.. Read("/proc/net/tcp", ipv6: false), .. Read("/proc/net/tcp6", ipv6: true)];

    private static IEnumerable<IPEndPoint> Read(string path, bool ipv6)
    {
        if (!File.Exists(path)) yield break;
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 4 || fields[3] != Listen) continue;
            var local = fields[1].Split(':');
            var port = int.Parse(local[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            yield return new IPEndPoint(ParseAddress(local[0], ipv6), port);
        }
    }

    // The kernel prints each 32-bit word of the address in host (little-endian) order.
    private static IPAddress ParseAddress(string hex, bool ipv6)
    {
        var bytes = Convert.FromHexString(hex);
        for (var word = 0; word < bytes.Length; word += 4) Array.Reverse(bytes, word, 4);
        var address = new IPAddress(bytes);
        return ipv6 && address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }
}
