using System.Numerics;
using MedImaging.Dicom;

namespace MedImaging.Cli.Commands.BenchIngest;

/// <summary>Copies of one DICOM file, each with a new StudyInstanceUID and SOPInstanceUID (2.25 UUID-derived UIDs).</summary>
public sealed class UniqueStudyFactory(string path)
{
    public BenchStudy Next()
    {
        var file = DicomFile.Open(path);
        var study = NewUid();
        var instance = NewUid();
        file.Dataset.AddOrUpdate(DicomTag.StudyInstanceUID, study);
        file.Dataset.AddOrUpdate(DicomTag.SOPInstanceUID, instance);
        file.FileMetaInfo.AddOrUpdate(DicomTag.MediaStorageSOPInstanceUID, instance);
        using var bytes = new MemoryStream();
        file.Save(bytes);
        return new BenchStudy(study, bytes.ToArray());
    }

    public IReadOnlyList<BenchStudy> Take(int count) => [.. Enumerable.Range(0, count).Select(_ => Next())];

    private static string NewUid()
    {
        Span<byte> bytes = stackalloc byte[17];
        Guid.NewGuid().TryWriteBytes(bytes[..16]);
        return "2.25." + new BigInteger(bytes, isUnsigned: true);
    }
}

/// <summary>One one-instance study to upload: its StudyInstanceUID (the study's id in our API) and the file's bytes.</summary>
public sealed record BenchStudy(string StudyUid, byte[] Bytes);
