using MedImaging.Pipeline.Steps;

namespace MedImaging.Pipeline.Execution;

/// <summary>
/// Every object the pipeline writes has a key derived only from the study, the instance and the step,
/// so a redelivered message finds its earlier output instead of writing a second copy.
/// Processed keys use de-identified UIDs; work keys live in the ingest bucket beside the PHI they came from.
/// </summary>
public static class PipelineKeys
{
    public static string Processed(string studyUid, string seriesUid, string instanceUid, string extension) =>
        $"{studyUid}/{seriesUid}/{instanceUid}.{extension}";

    public static string Report(string studyUid) => $"{studyUid}/report.json";

    public static string Work(string studyKey, string instanceKey, PipelineStep step) =>
        $"work/{studyKey}/{instanceKey}/{step.Slug()}.json";

    public static string QuarantinedOriginal(string studyPseudonym, string instancePseudonym) =>
        $"deidentification-failed/{studyPseudonym}/{instancePseudonym}.bin";
}
