namespace MedImaging.AppHost.Emulators;

/// <summary>Ports of the local AWS emulators (0 picks a free port) and how long each may take to start.</summary>
public sealed record EmulatorOptions
{
    public int DynamoDbPort { get; init; }
    public int FauxqsPort { get; init; }
    public string Region { get; init; } = Aws.Configuration.AwsOptions.DefaultRegion;
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
    public EmulatorTuning Tuning { get; init; } = EmulatorTuning.FastStart;
}
