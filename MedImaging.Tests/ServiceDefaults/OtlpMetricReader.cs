using System.Buffers.Binary;

namespace MedImaging.Tests.ServiceDefaults;

/// <summary>
/// Reads the histogram data points out of an OTLP ExportMetricsServiceRequest (protobuf): resource service.name,
/// metric name and each point's count, sum, min and max; everything else is skipped.
/// </summary>
internal static class OtlpMetricReader
{
    public static List<OtlpHistogramPoint> Histograms(byte[] request)
    {
        var points = new List<OtlpHistogramPoint>();
        foreach (var resourceMetrics in OtlpTraceReader.Fields(request, 1))
        {
            var service = "";
            foreach (var resource in OtlpTraceReader.Fields(resourceMetrics, 1))
            foreach (var attribute in OtlpTraceReader.Fields(resource, 1))
            {
                if (OtlpTraceReader.Text(OtlpTraceReader.Fields(attribute, 1).FirstOrDefault()) == "service.name")
                    service = OtlpTraceReader.Text(OtlpTraceReader.Fields(OtlpTraceReader.Fields(attribute, 2).FirstOrDefault() ?? [], 1).FirstOrDefault());
            }
            foreach (var scopeMetrics in OtlpTraceReader.Fields(resourceMetrics, 2))
            foreach (var metric in OtlpTraceReader.Fields(scopeMetrics, 2))
            {
                var name = OtlpTraceReader.Text(OtlpTraceReader.Fields(metric, 1).FirstOrDefault());
                foreach (var histogram in OtlpTraceReader.Fields(metric, 9))
                foreach (var point in OtlpTraceReader.Fields(histogram, 1))
                {
                    points.Add(new OtlpHistogramPoint(service, name,
                        Unsigned(OtlpTraceReader.Fixed64(point, 4).FirstOrDefault()) ?? 0,
                        Double(OtlpTraceReader.Fixed64(point, 5).FirstOrDefault()) ?? 0,
                        Double(OtlpTraceReader.Fixed64(point, 11).FirstOrDefault()),
                        Double(OtlpTraceReader.Fixed64(point, 12).FirstOrDefault())));
                }
            }
        }
        return points;
    }

    private static ulong? Unsigned(byte[]? bytes) => bytes is null ? null : BinaryPrimitives.ReadUInt64LittleEndian(bytes);

    private static double? Double(byte[]? bytes) => bytes is null ? null : BinaryPrimitives.ReadDoubleLittleEndian(bytes);
}
