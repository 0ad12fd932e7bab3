using System.Security.Cryptography;
using MedImaging.Dicom.Deidentification.Policy;
using MedImaging.Dicom.Deidentification.Tests.Support;

namespace MedImaging.Dicom.Deidentification.Tests;

/// <summary>
/// Pixel data streams from input to output: allocations stay flat whatever the file size. A 64 MiB multi-frame
/// file always; the 1 GiB one when MEDIMAGING_LARGE_TESTS=1.
/// </summary>
public sealed class LargeFileMemoryTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("deid-large-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_64_MiB_multi_frame_file_is_de_identified_with_flat_memory() => DeidentifyLargeFile(frames: 128);

    [LargeFileFact]
    public void A_1_GiB_multi_frame_file_is_de_identified_with_flat_memory() => DeidentifyLargeFile(frames: 2048);

    private void DeidentifyLargeFile(int frames)
    {
        const int side = 512;
        var pixelBytes = (long)side * side * 2 * frames;
        var input = Path.Combine(_directory, "in.dcm");
        var dataset = Datasets.Ct(sopClass: Datasets.EnhancedCtImageStorage);
        dataset.AddOrUpdate(DicomVR.US, DicomTag.Rows, (ushort)side);
        dataset.AddOrUpdate(DicomVR.US, DicomTag.Columns, (ushort)side);
        dataset.AddOrUpdate(DicomVR.US, DicomTag.SamplesPerPixel, (ushort)1);
        dataset.AddOrUpdate(DicomVR.US, DicomTag.BitsAllocated, (ushort)16);
        dataset.AddOrUpdate(DicomVR.IS, DicomTag.NumberOfFrames, frames.ToString());
        dataset.AddOrUpdate(new DicomElement(DicomTag.PixelData, DicomVR.OW, new PatternBulkData(pixelBytes)));
        new DicomFile(dataset).Save(input);

        var output = Path.Combine(_directory, "out.dcm");
        var deidentifier = new Deidentifier(DeidentificationPolicy.Basic, "large-secret"u8.ToArray());
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = deidentifier.Deidentify(DicomFile.Open(input));
        result.File.Save(output);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < 8 * 1024 * 1024, $"allocated {allocated / 1024} KiB for a {pixelBytes >> 20} MiB file");
        Assert.Equal(Hash(input), Hash(output));
        Assert.Equal("", DicomFile.Open(output, DicomReadOptions.HeaderOnly).Dataset.GetString(DicomTag.PatientName));
    }

    /// <summary>SHA-256 of the pixel data value, read in chunks from where the reader found it.</summary>
    private static string Hash(string path)
    {
        var pixelData = (FileBulkData)((DicomElement)DicomFile.Open(path).Dataset.GetDicomItem(DicomTag.PixelData)!).BulkData!;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var stream = File.OpenRead(path);
        stream.Position = pixelData.Offset;
        var buffer = new byte[1 << 20];
        for (var remaining = pixelData.Length; remaining > 0;)
        {
            var n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
            Assert.True(n > 0);
            hash.AppendData(buffer, 0, n);
            remaining -= n;
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
