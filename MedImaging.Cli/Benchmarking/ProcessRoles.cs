namespace MedImaging.Cli.Benchmarking;

/// <summary>Names the processes of the AppHost's tree by the files their command lines run.</summary>
public static class ProcessRoles
{
    public const string Bench = "bench (this process)";
    public const string Silo = "Silo";
    public const string Api = "Api";
    public const string DynamoDb = "DynamoDB Local (java)";
    public const string Fauxqs = "fauxqs (node)";
    public const string AppHost = "AppHost";
    public const string Orchestrator = "Aspire DCP";
    public const string Other = "other";

    /// <param name="arguments">The command line, one argument each (the AppHost's own options name the emulators too,
    /// e.g. --fauxqs-port, so only whole file names count).</param>
    public static string Of(IReadOnlyList<string> arguments, bool isRoot)
    {
        var files = arguments.Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
        // The DynamoDB Local wrapper shell names DynamoDBLocal.jar too; it only waits, so its CPU is ~0.
        if (files.Contains("DynamoDBLocal.jar") || files.Contains("LoopbackDynamoDbLocal")) return DynamoDb;
        if (files.Contains("fauxqs-server.mjs")) return Fauxqs;
        if (files.Overlaps(["MedImaging.Silo.dll", "MedImaging.Silo"])) return Silo;
        if (files.Overlaps(["MedImaging.Api.dll", "MedImaging.Api"])) return Api;
        if (files.Contains("dcp")) return Orchestrator;
        if (isRoot || files.Overlaps(["MedImaging.AppHost.dll", "MedImaging.AppHost"])) return AppHost;
        return Other;
    }
}
