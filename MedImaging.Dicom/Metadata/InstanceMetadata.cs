namespace MedImaging.Dicom.Metadata;

/// <summary>SOP Common and General Image attributes of one instance.</summary>
public sealed record InstanceMetadata(string? SopClassUid, string? SopInstanceUid, int? InstanceNumber, string TransferSyntaxUid, int NumberOfFrames)
{
    public static InstanceMetadata From(DicomDataset dataset, DicomTransferSyntax syntax) => new(
        dataset.Text(DicomTag.SOPClassUID),
        dataset.Text(DicomTag.SOPInstanceUID),
        dataset.Number(DicomTag.InstanceNumber),
        syntax.UID.UID,
        dataset.Number(DicomTag.NumberOfFrames) ?? 1);

    public string? SopClassName => SopClassUid is null ? null : DicomUID.Parse(SopClassUid).Name;

    public override string ToString() =>
        $"InstanceMetadata {{ SopClass: {SopClassName ?? "-"}, TransferSyntax: {TransferSyntaxUid}, NumberOfFrames: {NumberOfFrames}, SopInstanceUid: {Redaction.Mark(SopInstanceUid)} }}";
}
