using System.Numerics;
using MedImaging.Dicom;

namespace MedImaging.Cli.Commands.BenchIngest;

/// <summary>Copies of one DICOM file, each with a new StudyInstanceUID and SOPInstanceUID (2.25 UUID-derived UIDs).</summary>
public sealed class UniqueStudyFactory(string path)
{
    public (string StudyUid, byte[] Bytes) Next()
    {
        var file = DicomFile.Open(path);
        var study = NewUid();
        var instance = NewUid();
        file.Dataset.AddOrUpdate(DicomTag.StudyInstanceUID, study);
        file.Dataset.AddOrUpdate(DicomTag.SOPInstanceUID, instance);
        file.FileMetaInfo.AddOrUpdate(DicomTag.MediaStorageSOPInstanceUID, instance);
        using var bytes = new MemoryStream();
        file.Save(bytes);
        return (study, bytes.ToArray());
    }

    private static string NewUid()
    {
        Span<byte> bytes = stackalloc byte[17];
        Guid.NewGuid().TryWriteBytes(bytes[..16]);
        return "2.25." + new BigInteger(bytes, isUnsigned: true);
    }
}
