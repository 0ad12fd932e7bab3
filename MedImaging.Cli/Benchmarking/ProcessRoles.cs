namespace MedImaging.Cli.Benchmarking;

/// <summary>Names the processes of the AppHost's tree by their command lines.</summary>
public static class ProcessRoles
{
    public const string Bench = "bench (this process)";
    public const string Silo = "Silo";
    public const string Api = "Api";
    public const string DynamoDb = "DynamoDB Local (java)";
    public const string Fauxqs = "fauxqs (node)";
    public const string AppHost = "AppHost";
    public const string Other = "other";

    public static string Of(string commandLine, bool isRoot)
    {
        // The DynamoDB Local wrapper shell's command line names DynamoDBLocal.jar too, but it only waits: its CPU is ~0.
        if (commandLine.Contains("DynamoDBLocal", StringComparison.Ordinal)) return DynamoDb;
        if (commandLine.Contains("fauxqs", StringComparison.Ordinal)) return Fauxqs;
        if (commandLine.Contains("MedImaging.Silo", StringComparison.Ordinal)) return Silo;
        if (commandLine.Contains("MedImaging.Api", StringComparison.Ordinal)) return Api;
        if (isRoot || commandLine.Contains("MedImaging.AppHost", StringComparison.Ordinal)) return AppHost;
        return Other;
    }
}
