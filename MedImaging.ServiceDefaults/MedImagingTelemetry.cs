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

    public static readonly ActivitySource ActivitySource = new(Name);

    public static readonly Meter Meter = new(Name);
}
