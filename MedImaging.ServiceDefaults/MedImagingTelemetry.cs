using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace MedImaging.ServiceDefaults;

/// <summary>Our own ActivitySource and Meter; services create spans and instruments from these.</summary>
public static class MedImagingTelemetry
{
    public const string Name = "MedImaging";

    /// <summary>The grain runtime's source and meter (MedImaging.Silo's SiloTelemetry).</summary>
    public const string SiloName = "MedImaging.Silo";

    /// <summary>The pipeline's source and meter (MedImaging.Pipeline's PipelineTelemetry).</summary>
    public const string PipelineName = "MedImaging.Pipeline";

    /// <summary>Ours by name, and "MedImaging.*" for the rest (MedImaging.Aws, the client spans of our SQS/SNS clients).</summary>
    // Orleans' own sources: grain calls (Api to study grain, study grain to workers) join the request's trace.
    internal static readonly string[] ActivitySources = [Name, SiloName, PipelineName, "MedImaging.*", "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    internal static readonly string[] Meters = [Name, SiloName, PipelineName, "MedImaging.*", "Microsoft.Orleans"];

    public static readonly ActivitySource ActivitySource = new(Name);

    public static readonly Meter Meter = new(Name);
}
