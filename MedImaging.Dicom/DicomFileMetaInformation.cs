namespace MedImaging.Dicom;

/// <summary>The File Meta Information group (0002,xxxx) of a Part 10 file.</summary>
public sealed class DicomFileMetaInformation : DicomDataset
{
    /// <summary>Our implementation class UID (a UUID-derived 2.25 root) and version name, written into new meta groups.</summary>
    public const string OurImplementationClassUid = "2.25.137439265114931180541396468245370981501";
    public const string OurImplementationVersionName = "MEDIMAGING_1";

    public DicomFileMetaInformation()
    {
    }

    /// <summary>Builds a consistent meta group for <paramref name="dataset"/> in <paramref name="syntax"/>.</summary>
    public DicomFileMetaInformation(DicomDataset dataset, DicomTransferSyntax syntax)
    {
        AddOrUpdate(DicomElementFactory.FromValues(DicomTag.FileMetaInformationVersion, DicomVR.OB, new byte[] { 0, 1 }));
        AddOrUpdate(DicomTag.MediaStorageSOPClassUID, dataset.GetStringOrDefault(DicomTag.SOPClassUID, "") ?? "");
        AddOrUpdate(DicomTag.MediaStorageSOPInstanceUID, dataset.GetStringOrDefault(DicomTag.SOPInstanceUID, "") ?? "");
        AddOrUpdate(DicomTag.TransferSyntaxUID, syntax.UID.UID);
        AddOrUpdate(DicomTag.ImplementationClassUID, OurImplementationClassUid);
        AddOrUpdate(DicomTag.ImplementationVersionName, OurImplementationVersionName);
    }

    public DicomTransferSyntax? TransferSyntax =>
        TryGetString(DicomTag.TransferSyntaxUID, out var uid) && uid.Length > 0 ? DicomTransferSyntax.Parse(uid) : null;

    public string? MediaStorageSOPClassUID => GetStringOrDefault(DicomTag.MediaStorageSOPClassUID);
    public string? MediaStorageSOPInstanceUID => GetStringOrDefault(DicomTag.MediaStorageSOPInstanceUID);
    public string? ImplementationClassUID => GetStringOrDefault(DicomTag.ImplementationClassUID);
    public string? ImplementationVersionName => GetStringOrDefault(DicomTag.ImplementationVersionName);
    public string? SourceApplicationEntityTitle => GetStringOrDefault(DicomTag.SourceApplicationEntityTitle);
}
