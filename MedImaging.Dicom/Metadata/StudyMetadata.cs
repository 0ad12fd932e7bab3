using MedImaging.Dicom.Values;

namespace MedImaging.Dicom.Metadata;

/// <summary>General Study attributes. ToString() leaves out identifying values.</summary>
public sealed record StudyMetadata(
    string? StudyInstanceUid,
    DicomDate? StudyDate,
    DicomTime? StudyTime,
    string? AccessionNumber,
    string? StudyId,
    string? StudyDescription,
    DicomPersonName? ReferringPhysicianName)
{
    public static StudyMetadata From(DicomDataset dataset) => new(
        dataset.Text(DicomTag.StudyInstanceUID),
        dataset.Text(DicomTag.StudyDate) is { } d && DicomDate.TryParse(d, out var date) ? date : null,
        dataset.Text(DicomTag.StudyTime) is { } t && DicomTime.TryParse(t, out var time) ? time : null,
        dataset.Text(DicomTag.AccessionNumber),
        dataset.Text(DicomTag.StudyID),
        dataset.Text(DicomTag.StudyDescription),
        dataset.Text(DicomTag.ReferringPhysicianName) is { } name ? DicomPersonName.Parse(name) : null);

    public override string ToString() =>
        $"StudyMetadata {{ StudyInstanceUid: {Redaction.Mark(StudyInstanceUid)}, StudyDate: {Redaction.Mark(StudyDate)}, AccessionNumber: {Redaction.Mark(AccessionNumber)}, StudyDescription: {Redaction.Mark(StudyDescription)} }}";
}
