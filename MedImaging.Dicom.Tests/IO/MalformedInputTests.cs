using MedImaging.Dicom.Tests.Support;
using MedImaging.Testing;

namespace MedImaging.Dicom.Tests.IO;

public class MalformedInputTests
{
    [Theory]
    [MemberData(nameof(Corpus.BrokenFiles), MemberType = typeof(Corpus))]
    public void Broken_corpus_file_gives_a_format_exception_with_its_offset(string name)
    {
        var path = TestCorpus.File(name);
        var error = Assert.Throws<DicomFormatException>(() => DicomFile.Open(path));
        Assert.InRange(error.Offset, 0, new FileInfo(path).Length);
        Assert.Contains("offset", error.Message);
        var fromMemory = Assert.Throws<DicomFormatException>(() => DicomFile.Read(File.ReadAllBytes(path)));
        Assert.Equal(error.Offset, fromMemory.Offset);
    }

    [Theory]
    [MemberData(nameof(Corpus.BrokenFiles), MemberType = typeof(Corpus))]
    public void Dcmtk_rejects_the_same_broken_files(string name) =>
        Assert.NotEqual(0, ExternalTool.Run("dcmdump", "-q", TestCorpus.File(name)).ExitCode);

    [Fact]
    public void Truncated_pixel_data_names_the_pixel_data_tag()
    {
        var error = Assert.Throws<DicomFormatException>(() => DicomFile.Open(TestCorpus.File("broken_trunc_pixel.dcm")));
        Assert.Equal(DicomTag.PixelData, error.Tag);
    }

    [Fact]
    public void Header_only_read_of_a_truncated_pixel_file_succeeds()
    {
        var file = DicomFile.Open(TestCorpus.File("broken_trunc_pixel.dcm"), DicomReadOptions.HeaderOnly);
        Assert.False(file.Dataset.Contains(DicomTag.PixelData));
        Assert.Equal("MR", file.Dataset.GetString(DicomTag.Modality));
        Assert.NotNull(file.PixelDataOffset);
    }

    [Fact]
    public void Hostile_length_is_rejected_before_allocating()
    {
        // (0010,0010) PN claiming 0xFFF0 bytes, then end of data.
        byte[] data = [0x10, 0x00, 0x10, 0x00, (byte)'P', (byte)'N', 0xF0, 0xFF, (byte)'A', (byte)'B'];
        var error = Assert.Throws<DicomFormatException>(() => DicomFile.Read(data));
        Assert.Equal(0, error.Offset);
        Assert.Equal(DicomTag.PatientName, error.Tag);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_rejected()
    {
        var data = new List<byte>();
        for (var i = 0; i < 100; i++)
        {
            data.AddRange([0x08, 0x00, 0x15, 0x11, 0xFF, 0xFF, 0xFF, 0xFF]); // (0008,1115) implicit, undefined length
            data.AddRange([0xFE, 0xFF, 0x00, 0xE0, 0xFF, 0xFF, 0xFF, 0xFF]); // item, undefined length
        }
        var error = Assert.Throws<DicomFormatException>(() => DicomFile.Read(data.ToArray()));
        Assert.Contains("nested deeper", error.Message);
    }
}
