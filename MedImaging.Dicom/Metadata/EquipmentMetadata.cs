namespace MedImaging.Dicom.Metadata;

/// <summary>General Equipment attributes. Institution and station identify a site: ToString() leaves them out.</summary>
public sealed record EquipmentMetadata(
    string? Manufacturer,
    string? ManufacturerModelName,
    string? SoftwareVersions,
    string? DeviceSerialNumber,
    string? StationName,
    string? InstitutionName)
{
    public static EquipmentMetadata From(DicomDataset dataset) => new(
        dataset.Text(DicomTag.Manufacturer),
        dataset.Text(DicomTag.ManufacturerModelName),
        dataset.Text(DicomTag.SoftwareVersions),
        dataset.Text(DicomTag.DeviceSerialNumber),
        dataset.Text(DicomTag.StationName),
        dataset.Text(DicomTag.InstitutionName));

    public override string ToString() =>
        $"EquipmentMetadata {{ Manufacturer: {Manufacturer ?? "-"}, ManufacturerModelName: {ManufacturerModelName ?? "-"}, DeviceSerialNumber: {Redaction.Mark(DeviceSerialNumber)}, StationName: {Redaction.Mark(StationName)}, InstitutionName: {Redaction.Mark(InstitutionName)} }}";
}
