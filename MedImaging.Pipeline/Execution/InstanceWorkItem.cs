using MedImaging.Pipeline.Storage;

namespace MedImaging.Pipeline.Execution;

/// <summary>One received instance as the study grain knows it.</summary>
/// <param name="StudyKey">The grain key: StudyInstanceUID for DICOM, an upload id for a plain image.</param>
/// <param name="InstanceKey">SOP Instance UID for DICOM, the upload's object id for a plain image.</param>
/// <param name="Source">Where the raw upload is (ingest bucket, incoming/{study}/{instance}).</param>
public sealed record InstanceWorkItem(string StudyKey, string InstanceKey, ObjectLocation Source)
{
    /// <summary>Study and instance keys are identifiers; keep them out of logs and traces.</summary>
    public override string ToString() => "InstanceWorkItem";
}
