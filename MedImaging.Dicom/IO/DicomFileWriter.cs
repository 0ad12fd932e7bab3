using System.IO.Compression;

namespace MedImaging.Dicom.IO;

/// <summary>Writes preamble, "DICM", a consistent meta group (explicit VR little endian), then the dataset.</summary>
internal static class DicomFileWriter
{
    public static void Write(Stream stream, DicomFile file, DicomWriteOptions options)
    {
        var source = file.TransferSyntax;
        var target = options.TransferSyntax ?? source;
        if (target != source && (target.IsEncapsulated || source.IsEncapsulated) && ContainsEncapsulatedPixelData(file.Dataset))
            throw new NotSupportedException($"converting pixel data from {source.UID.Name} to {target.UID.Name} needs a codec");
        if (!options.WriteRawDataset)
        {
            stream.Write(file.Preamble.Length == 128 ? file.Preamble : new byte[128]);
            stream.Write("DICM"u8);
            WriteMeta(stream, PrepareMeta(file, target));
        }
        var sameSyntax = target == source;
        if (target.IsDeflate)
        {
            using var deflate = new DeflateStream(stream, options.DeflateLevel, leaveOpen: true);
            new DicomDatasetWriter(deflate, true, false, sameSyntax, options.RecalculateGroupLengths).WriteDataset(file.Dataset);
            return;
        }
        new DicomDatasetWriter(stream, target.IsExplicitVR, target.IsBigEndian, sameSyntax, options.RecalculateGroupLengths).WriteDataset(file.Dataset);
    }

    /// <summary>
    /// The meta group to write: unchanged when it still describes the dataset (so an unmodified file stays
    /// byte-identical); otherwise SOP class, SOP instance and transfer syntax are brought in line and it is marked as ours.
    /// </summary>
    private static DicomFileMetaInformation PrepareMeta(DicomFile file, DicomTransferSyntax target)
    {
        var meta = file.FileMetaInfo;
        if (meta.Count == 0) return new DicomFileMetaInformation(file.Dataset, target);
        // Only well-formed UIDs are carried over; a hostile value stays out of the meta group.
        var sopClass = ValidUid(file.Dataset.GetStringOrDefault(DicomTag.SOPClassUID));
        var sopInstance = ValidUid(file.Dataset.GetStringOrDefault(DicomTag.SOPInstanceUID));
        var consistent = meta.TransferSyntax == target
            && (string.IsNullOrEmpty(sopClass) || sopClass == meta.MediaStorageSOPClassUID)
            && (string.IsNullOrEmpty(sopInstance) || sopInstance == meta.MediaStorageSOPInstanceUID);
        if (consistent) return meta;
        var updated = new DicomFileMetaInformation();
        foreach (var item in meta) updated.AddOrUpdate(item);
        if (!string.IsNullOrEmpty(sopClass)) updated.AddOrUpdate(DicomTag.MediaStorageSOPClassUID, sopClass);
        if (!string.IsNullOrEmpty(sopInstance)) updated.AddOrUpdate(DicomTag.MediaStorageSOPInstanceUID, sopInstance);
        updated.AddOrUpdate(DicomTag.TransferSyntaxUID, target.UID.UID);
        updated.AddOrUpdate(DicomTag.ImplementationClassUID, DicomFileMetaInformation.OurImplementationClassUid);
        updated.AddOrUpdate(DicomTag.ImplementationVersionName, DicomFileMetaInformation.OurImplementationVersionName);
        return updated;
    }

    private static string? ValidUid(string? uid) => uid is not null && DicomUID.IsValid(uid) ? uid : null;

    private static void WriteMeta(Stream stream, DicomFileMetaInformation meta)
    {
        var writer = new DicomDatasetWriter(stream, true, false, true, true);
        if (!meta.Contains(DicomTag.FileMetaInformationGroupLength))
            meta.AddOrUpdate(DicomElementFactory.FromValues(DicomTag.FileMetaInformationGroupLength, DicomVR.UL, new uint[] { 0 }));
        writer.WriteDataset(meta);
    }

    private static bool ContainsEncapsulatedPixelData(DicomDataset dataset) =>
        dataset.GetDicomItem(DicomTag.PixelData) is DicomFragmentSequence;
}
