namespace MedImaging.Tests.ServiceDefaults;

/// <summary>One exported histogram data point (cumulative: the totals since the service started).</summary>
internal sealed record OtlpHistogramPoint(string Service, string Metric, ulong Count, double Sum, double? Min, double? Max);
