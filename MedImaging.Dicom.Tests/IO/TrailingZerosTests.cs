using System.Text.Json;
using MedImaging.Dicom.Json;
using MedImaging.Dicom.Tests.Oracles;
using MedImaging.Dicom.Tests.Support;

namespace MedImaging.Dicom.Tests.IO;

/// <summary>
/// Issue 18 class 1: archives pad files with zeros after the dataset (several MB after Pixel Data). dcmtk reads them;
/// we stop at the zeros, count them, and read the same dataset as without them.
/// </summary>
public class TrailingZerosTests
{
    public static TheoryData<string, int> PaddedFiles() => new()
    {
        { "ct_ele_14s.dcm", 3 << 20 },
        { "ct_ele_14s.dcm", 5 },
        { "us_pal16_ile.dcm", 8 },
        { "us_pal16_ile.dcm", 4099 },
        { "cr_mono1_nometa.dcm", 64 },
        { "sc_rgb_ebe.dcm", 1000 },
        { "mr_enh_mf10_j2kr.dcm", 16 },
    };

    [Theory]
    [MemberData(nameof(PaddedFiles))]
    public void Zeros_after_the_dataset_are_skipped_from_file_and_memory(string name, int zeros)
    {
        using var scratch = new ScratchDirectory();
        var padded = Pad(name, zeros, scratch);
        var expected = Json(DicomFile.Open(CorpusFiles.PathOf(name)));

        var fromFile = DicomFile.Open(padded);
        var fromMemory = DicomFile.Read(File.ReadAllBytes(padded));

        Assert.Equal(expected, Json(fromFile));
        Assert.Equal(expected, Json(fromMemory));
        Assert.Equal(zeros, fromFile.TrailingZeroBytes);
        Assert.Equal(zeros, fromMemory.TrailingZeroBytes);
        Assert.Equal(0, DicomFile.Open(CorpusFiles.PathOf(name)).TrailingZeroBytes);
    }

    // dcmtk reads zeros in implicit VR as empty (0000,0000) elements, so only a multiple of 8 of them.
    [Theory]
    [InlineData("ct_ele_14s.dcm", 1 << 20)]
    [InlineData("us_pal16_ile.dcm", 4096)]
    public void Padded_file_agrees_with_dcm2json(string name, int zeros)
    {
        using var scratch = new ScratchDirectory();
        var padded = Pad(name, zeros, scratch);
        var dcmtk = DcmtkJson.Convert(padded, scratch);
        Assert.False(dcmtk.Rejected, dcmtk.Error);
        using var theirs = JsonDocument.Parse(dcmtk.Json);
        using var ours = JsonDocument.Parse(DicomJsonWriter.Write(DicomFile.Open(padded).Dataset, DicomJsonOptions.WithoutPixelData));
        var differences = DicomJsonModelComparer.Compare(theirs.RootElement, ours.RootElement,
            new(TopLevel: tag => tag is "7FE00010", AnyLevel: tag => tag is "00080005"));
        Assert.Empty(differences);
    }

    [Fact]
    public void A_non_zero_byte_after_the_zeros_is_still_an_error()
    {
        var bytes = File.ReadAllBytes(CorpusFiles.PathOf("ct_ele_14s.dcm")).Concat(new byte[4096]).Append((byte)1).ToArray();
        var error = Assert.Throws<DicomFormatException>(() => DicomFile.Read(bytes));
        Assert.Equal(File.ReadAllBytes(CorpusFiles.PathOf("ct_ele_14s.dcm")).Length, error.Offset);
    }

    [Fact]
    public void Zeros_inside_an_item_are_not_padding()
    {
        // An item of defined length 8 holding 8 zero bytes: (0000,0000) with VR 00 00 inside a sequence is malformed.
        byte[] data =
        [
            0x08, 0x00, 0x15, 0x92, (byte)'S', (byte)'Q', 0, 0, 16, 0, 0, 0,
            0xFE, 0xFF, 0x00, 0xE0, 8, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0,
        ];
        Assert.Throws<DicomFormatException>(() => DicomFile.Read(data));
    }

    private static string Pad(string name, int zeros, ScratchDirectory scratch)
    {
        var path = scratch.File("padded.dcm");
        File.WriteAllBytes(path, [.. File.ReadAllBytes(CorpusFiles.PathOf(name)), .. new byte[zeros]]);
        return path;
    }

    private static string Json(DicomFile file) => DicomJsonWriter.Write(file.Dataset, DicomJsonOptions.WithoutPixelData);
}
