using System.Diagnostics.Metrics;

namespace MedImaging.Aws.Dynamo;

/// <summary>How many study saves each write request to the study table carried (the group commit's batch size).</summary>
internal static class StudyTableMetrics
{
    public const string SavesPerWriteInstrumentName = "medimaging.dynamo.study_saves_per_write";

    private static readonly Meter Meter = new(AwsTelemetry.ActivitySourceName);

    private static readonly Histogram<int> SavesPerWrite = Meter.CreateHistogram<int>(
        SavesPerWriteInstrumentName, "{save}", "Study saves committed together in one write request to the study table.");

    public static void Committed(int saves) => SavesPerWrite.Record(saves);
}
