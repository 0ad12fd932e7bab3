using Microsoft.Extensions.Configuration;

namespace MedImaging.AppHost;

/// <summary>
/// How the AppHost runs. Ports default to fixed, well-known values for a developer (0 picks a free port);
/// <see cref="UseRealAws"/> (<c>--aws</c> or <c>MedImaging:UseRealAws=true</c>) skips the emulators and provisioning.
/// </summary>
public sealed record AppHostOptions
{
    public bool UseRealAws { get; init; }
    public string Region { get; init; } = Aws.Configuration.AwsOptions.DefaultRegion;
    public int ApiPort { get; init; } = 5080;
    public int SiloPort { get; init; } = 5081;
    public int DynamoDbPort { get; init; } = 8000;
    public int FauxqsPort { get; init; } = 4566;

    /// <summary>How many Silo processes share the study queue.</summary>
    public int SiloReplicas { get; init; } = 1;

    /// <summary>Forwarded to every service as OTEL_EXPORTER_OTLP_ENDPOINT when set.</summary>
    public string? OtlpEndpoint { get; init; }
    public string? OtlpProtocol { get; init; }

    /// <summary>How long each resource may take to become healthy before the start fails.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A developer's or a benchmark's system runs for a while: its emulators are tuned for throughput, tests' for start-up.</summary>
    public Emulators.EmulatorTuning EmulatorTuning { get; init; } = Emulators.EmulatorTuning.Throughput;

    /// <summary>Start everything, report the time, and stop (for benchmarks).</summary>
    public bool StopWhenReady { get; init; }

    /// <summary>Extra environment variables for the Api and Silo processes (e.g. test settings).</summary>
    public IReadOnlyDictionary<string, string> ServiceEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>The deployed CloudFormation stack whose outputs name the resources on real AWS.</summary>
    public string StackName { get; init; } = "MedImaging";

    /// <summary>Real-AWS resource names (MedImaging:Resources:*) when <see cref="UseRealAws"/>; missing ones come from the stack's outputs.</summary>
    public Aws.Configuration.ResourceNames? RealAwsResources { get; init; }

    /// <summary>All ports free ones: for tests running several apps side by side.</summary>
    public static AppHostOptions ForTesting() => new()
    {
        ApiPort = 0, SiloPort = 0, DynamoDbPort = 0, FauxqsPort = 0, EmulatorTuning = Emulators.EmulatorTuning.FastStart,
    };

    /// <summary>Reads command-line flags and configuration (environment variables with <c>__</c>, appsettings).</summary>
    public static AppHostOptions From(string[] args, IConfiguration configuration)
    {
        var section = configuration.GetSection("MedImaging:AppHost");
        var defaults = new AppHostOptions();
        return new AppHostOptions
        {
            UseRealAws = args.Contains("--aws") || configuration.GetValue<bool>("MedImaging:UseRealAws"),
            Region = configuration["MedImaging:Aws:Region"] ?? defaults.Region,
            ApiPort = Port(args, "--api-port", section["ApiPort"], defaults.ApiPort),
            SiloPort = Port(args, "--silo-port", section["SiloPort"], defaults.SiloPort),
            DynamoDbPort = Port(args, "--dynamodb-port", section["DynamoDbPort"], defaults.DynamoDbPort),
            FauxqsPort = Port(args, "--fauxqs-port", section["FauxqsPort"], defaults.FauxqsPort),
            SiloReplicas = int.TryParse(section["SiloReplicas"], out var replicas) && replicas > 0 ? replicas : 1,
            OtlpEndpoint = configuration["OTEL_EXPORTER_OTLP_ENDPOINT"],
            OtlpProtocol = configuration["OTEL_EXPORTER_OTLP_PROTOCOL"],
            StopWhenReady = args.Contains("--stop-when-ready"),
            EmulatorTuning = Enum.TryParse<Emulators.EmulatorTuning>(section["EmulatorTuning"], ignoreCase: true, out var tuning) ? tuning : defaults.EmulatorTuning,
            StackName = configuration["MedImaging:StackName"] ?? defaults.StackName,
            RealAwsResources = configuration.GetSection(Aws.Configuration.ResourceNames.SectionName).Get<Aws.Configuration.ResourceNames>(),
        };
    }

    private static int Port(string[] args, string flag, string? configured, int fallback)
    {
        var index = Array.IndexOf(args, flag);
        var text = index >= 0 && index + 1 < args.Length ? args[index + 1] : configured;
        if (text is null)
        {
            return fallback;
        }
        return int.TryParse(text, out var port) && port is >= 0 and <= 65535
            ? port
            : throw new ArgumentException($"{flag}: '{text}' is not a port number");
    }
}
