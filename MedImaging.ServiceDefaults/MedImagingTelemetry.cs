using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace MedImaging.ServiceDefaults;

/// <summary>Our own ActivitySource and Meter; services create spans and instruments from these.</summary>
public static class MedImagingTelemetry
{
    public const string Name = "MedImaging";

    public static readonly ActivitySource ActivitySource = new(Name);

    public static readonly Meter Meter = new(Name);
}
