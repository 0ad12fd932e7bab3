using System.Runtime.InteropServices;

namespace MedImaging.Tests.AppHost;

internal static partial class PosixKill
{
    public static bool Terminate(int pid) => kill(pid, 15) == 0;

    public static bool Kill(int pid) => kill(pid, 9) == 0;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);
}
