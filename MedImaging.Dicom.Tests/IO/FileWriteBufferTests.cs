using MedImaging.Dicom.IO;
using MedImaging.Testing;

namespace MedImaging.Dicom.Tests.IO;

/// <summary>Saving to a path gathers the file in one pooled buffer; the bytes must be those of saving to a stream.</summary>
public sealed class FileWriteBufferTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("medimaging-write-buffer-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(1000)]
    [InlineData(FileWriteBuffer.Capacity - 700)] // pixel data crosses the first flush
    [InlineData(2 * FileWriteBuffer.Capacity + 12345)]
    public void Saving_to_a_path_writes_the_same_bytes_as_saving_to_a_stream(int pixelBytes)
    {
        var file = DicomFile.Open(TestCorpus.File("ct_ele_14s.dcm"));
        var pixels = new byte[pixelBytes];
        new Random(pixelBytes).NextBytes(pixels);
        file.Dataset.AddOrUpdate(new DicomElement(DicomTag.PixelData, DicomVR.OB, pixels));
        var source = Path.Combine(_directory, "source.dcm");
        file.Save(source);

        // Re-read so that the pixel data is lazy file bulk data, which is read straight into the buffer.
        var lazy = DicomFile.Open(source);
        Assert.IsType<FileBulkData>(((DicomElement)lazy.Dataset.GetDicomItem(DicomTag.PixelData)!).BulkData);
        var copy = Path.Combine(_directory, "copy.dcm");
        lazy.Save(copy);
        using var expected = new MemoryStream();
        DicomFile.Open(source).Save(expected);

        Assert.Equal(expected.ToArray(), File.ReadAllBytes(copy));
        Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(copy));
    }

    [Fact]
    public void Saving_over_an_existing_longer_file_truncates_it()
    {
        var path = Path.Combine(_directory, "over.dcm");
        File.WriteAllBytes(path, new byte[3 * 1024 * 1024]);
        var file = DicomFile.Open(TestCorpus.File("ct_ele_14s.dcm"));
        file.Save(path);
        using var expected = new MemoryStream();
        file.Save(expected);
        Assert.Equal(expected.ToArray(), File.ReadAllBytes(path));
    }
}
