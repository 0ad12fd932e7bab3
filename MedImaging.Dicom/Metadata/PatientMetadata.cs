using MedImaging.Dicom.Values;

namespace MedImaging.Dicom.Metadata;

/// <summary>Patient module attributes. PHI: ToString() shows only which fields are present.</summary>
public sealed record PatientMetadata(string? PatientId, DicomPersonName? PatientName, DicomDate? BirthDate, string? Sex, string? Age)
{
    public static PatientMetadata From(DicomDataset dataset) => new(
        dataset.Text(DicomTag.PatientID),
        dataset.Text(DicomTag.PatientName) is { } name ? DicomPersonName.Parse(name) : null,
        dataset.Text(DicomTag.PatientBirthDate) is { } birth && DicomDate.TryParse(birth, out var date) ? date : null,
        dataset.Text(DicomTag.PatientSex),
        dataset.Text(DicomTag.PatientAge));

    public override string ToString() =>
        $"PatientMetadata {{ PatientId: {Redaction.Mark(PatientId)}, PatientName: {Redaction.Mark(PatientName)}, BirthDate: {Redaction.Mark(BirthDate)}, Sex: {Redaction.Mark(Sex)}, Age: {Redaction.Mark(Age)} }}";
}
