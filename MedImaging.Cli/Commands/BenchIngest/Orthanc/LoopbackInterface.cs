using System.Runtime.InteropServices;

namespace MedImaging.Cli.Commands.BenchIngest.Orthanc;

/// <summary>
/// The network interfaces of the current network namespace: a fresh one (unshare -n) has only "lo", and down.
/// Brings it up with the SIOCGIFFLAGS/SIOCSIFFLAGS ioctls, so no iproute2 is needed.
/// </summary>
internal static partial class LoopbackInterface
{
    private const int AfInet = 2;
    private const int SockDgram = 2;
    private const ulong SiocGetFlags = 0x8913;
    private const ulong SiocSetFlags = 0x8914;
    private const short IffUp = 0x1;
    private const short IffRunning = 0x40;

    /// <summary>The interface names of this network namespace.</summary>
    public static IReadOnlyList<string> Names()
    {
        // /sys shows the namespace that mounted it, /proc/net/dev always the caller's own: read the latter.
        return File.ReadLines("/proc/net/dev").Skip(2)
            .Select(line => line.Split(':', 2)[0].Trim())
            .Where(name => name.Length > 0)
            .ToArray();
    }

    /// <summary>True when this namespace has no interface but loopback, i.e. nothing here is reachable from outside.</summary>
    public static bool IsOnlyInterface() => Names() is ["lo"];

    public static void BringUp()
    {
        var socket = Socket(AfInet, SockDgram, 0);
        if (socket < 0) throw new IOException($"socket() failed: errno {Marshal.GetLastPInvokeError()}");
        try
        {
            var request = new InterfaceRequest();
            request.SetName("lo");
            if (Ioctl(socket, SiocGetFlags, ref request) != 0) throw new IOException($"SIOCGIFFLAGS lo failed: errno {Marshal.GetLastPInvokeError()}");
            request.Flags |= IffUp | IffRunning;
            if (Ioctl(socket, SiocSetFlags, ref request) != 0) throw new IOException($"SIOCSIFFLAGS lo failed: errno {Marshal.GetLastPInvokeError()}");
        }
        finally
        {
            Close(socket);
        }
    }

    /// <summary>struct ifreq: a 16-byte name then a union of at most 24 bytes, of which the flags are the first short.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 40)]
    private unsafe struct InterfaceRequest
    {
        private fixed byte _name[16];
        public short Flags;

        public void SetName(string name)
        {
            for (var i = 0; i < name.Length; i++) _name[i] = (byte)name[i];
        }
    }

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    private static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static partial int Ioctl(int fd, ulong request, ref InterfaceRequest argument);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
