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

    [Theory]
    [InlineData("ct_ele_14s.dcm")]
    [InlineData("ct_rle_frags.dcm")] // fragments: many uncopied parts between buffered headers
    [InlineData("mr_enh_mf10_ele_12u.dcm")]
    public void In_memory_bulk_data_written_uncopied_gives_the_bytes_of_saving_to_a_stream(string name)
    {
        var file = DicomFile.Read(File.ReadAllBytes(TestCorpus.File(name)));
        Assert.Contains(file.Dataset, item => item is DicomElement { BulkData: MemoryBulkData } || item is DicomFragmentSequence);
        var path = Path.Combine(_directory, name);
        file.Save(path);
        using var expected = new MemoryStream();
        file.Save(expected);
        Assert.Equal(expected.ToArray(), File.ReadAllBytes(path));
    }

    [Fact]
    public void More_uncopied_parts_than_one_gathering_write_takes_are_written_in_order()
    {
        var path = Path.Combine(_directory, "parts.bin");
        using var expected = new MemoryStream();
        using (var buffer = new FileWriteBuffer(path))
            for (var i = 0; i < 700; i++)
            {
                var header = new[] { (byte)i, (byte)(i >> 8) };
                var part = new byte[100 + i];
                new Random(i).NextBytes(part);
                buffer.Write(header);
                buffer.WriteUncopied(part);
                expected.Write(header);
                expected.Write(part);
                Assert.Equal(expected.Length, buffer.Length);
            }
        Assert.Equal(expected.ToArray(), File.ReadAllBytes(path));
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
