namespace MedImaging.Dicom.Metadata;

/// <summary>General Series attributes. ToString() shows modality, number and body part; UIDs and free text are left out.</summary>
public sealed record SeriesMetadata(string? SeriesInstanceUid, string? Modality, int? SeriesNumber, string? SeriesDescription, string? BodyPartExamined)
{
    public static SeriesMetadata From(DicomDataset dataset) => new(
        dataset.Text(DicomTag.SeriesInstanceUID),
        dataset.Text(DicomTag.Modality),
        dataset.Number(DicomTag.SeriesNumber),
        dataset.Text(DicomTag.SeriesDescription),
        dataset.Text(DicomTag.BodyPartExamined));

    public override string ToString() =>
        $"SeriesMetadata {{ Modality: {Modality ?? "-"}, SeriesNumber: {SeriesNumber?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}, BodyPartExamined: {BodyPartExamined ?? "-"}, SeriesInstanceUid: {Redaction.Mark(SeriesInstanceUid)}, SeriesDescription: {Redaction.Mark(SeriesDescription)} }}";
}
