using MedImaging.AppHost.Hosting;

namespace MedImaging.AppHost.Emulators;

/// <summary>fauxqs (S3, SQS, SNS in one in-memory server) on Node 22, bound to 127.0.0.1 by our launcher script.</summary>
public static class Fauxqs
{
    public const string ResourceName = "fauxqs";

    public static ChildProcessSpec Spec(RepositoryLayout layout, int port) => new(
        ResourceName,
        layout.NodeExecutable,
        ["--no-warnings", layout.FauxqsScript, port.ToString(System.Globalization.CultureInfo.InvariantCulture)],
        layout.EmulatorsDirectory);
}
