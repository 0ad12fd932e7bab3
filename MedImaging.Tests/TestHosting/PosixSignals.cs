using System.Runtime.InteropServices;

namespace MedImaging.Tests.TestHosting;

/// <summary>Sends POSIX signals to other processes (System.Diagnostics.Process can only SIGKILL).</summary>
internal static partial class PosixSignals
{
    private const int SigTerm = 15;

    public static bool Terminate(int pid) => kill(pid, SigTerm) == 0;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);
}
