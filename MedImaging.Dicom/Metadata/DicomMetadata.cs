namespace MedImaging.Dicom.Metadata;

/// <summary>The metadata a pipeline extracts from one instance. ToString() carries no PHI.</summary>
public sealed record DicomMetadata(
    PatientMetadata Patient,
    StudyMetadata Study,
    SeriesMetadata Series,
    InstanceMetadata Instance,
    EquipmentMetadata Equipment,
    ImagePixelMetadata? ImagePixel)
{
    public static DicomMetadata From(DicomFile file) => From(file.Dataset, file.TransferSyntax);

    public static DicomMetadata From(DicomDataset dataset, DicomTransferSyntax syntax) => new(
        PatientMetadata.From(dataset),
        StudyMetadata.From(dataset),
        SeriesMetadata.From(dataset),
        InstanceMetadata.From(dataset, syntax),
        EquipmentMetadata.From(dataset),
        ImagePixelMetadata.From(dataset));
}
