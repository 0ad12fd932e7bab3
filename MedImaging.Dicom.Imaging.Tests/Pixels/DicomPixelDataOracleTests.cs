using MedImaging.Dicom.Imaging.Pixels;
using MedImaging.Dicom.Imaging.Tests.Oracles;
using MedImaging.Testing;

namespace MedImaging.Dicom.Imaging.Tests.Pixels;

/// <summary>Every frame of every lossless or native corpus image, read through our reader, equals the oracle's decompression.</summary>
public class DicomPixelDataOracleTests
{
    private static string? OracleTool(string syntax) => syntax switch
    {
        "1.2.840.10008.1.2.4.57" or "1.2.840.10008.1.2.4.70" => "dcmdjpeg",
        "1.2.840.10008.1.2.5" => "dcmdrle",
        "1.2.840.10008.1.2.4.80" or "1.2.840.10008.1.2.4.81" => "dcmdjpls",
        "1.2.840.10008.1.2.4.90" => "gdcmconv",
        "1.2.840.10008.1.2" or "1.2.840.10008.1.2.1" or "1.2.840.10008.1.2.2" or "1.2.840.10008.1.2.1.99" => "dcmconv",
        _ => null,
    };

    public static TheoryData<string> Files() => new(TestCorpus.Manifest
        .Where(r => !r.IsBroken && r.Rows is > 0 && OracleTool(r.TransferSyntaxUid) is not null)
        .Where(r => r.Cells["bits_allocated"] is "8" or "16" or "32")
        .Select(r => r.File));

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_frame_equals_the_oracle_sample_for_sample(string file)
    {
        using var scratch = new TempDirectory();
        var path = TestCorpus.File(file);
        var pixels = DicomPixelData.Create(MedImaging.Dicom.DicomFile.Open(path));
        var tool = OracleTool(TestCorpus.Manifest.Single(r => r.File == file).TransferSyntaxUid)!;
        var (_, expected) = tool == "dcmconv"
            ? OracleDecompression.Decompress(path, scratch, "dcmconv", "+te")
            : OracleDecompression.Decompress(path, scratch, tool);

        Assert.Equal(expected.Length, pixels.FrameCount);
        for (var frame = 0; frame < pixels.FrameCount; frame++)
        {
            var decoded = pixels.DecodeFrame(frame);
            Assert.True(expected[frame].AsSpan().SequenceEqual(decoded.Samples), $"frame {frame + 1} differs from {tool}");
        }
    }

    [Fact]
    public void A_frame_of_a_multi_frame_file_is_decoded_from_its_own_fragment_only()
    {
        var pixels = DicomPixelData.Create(MedImaging.Dicom.DicomFile.Open(TestCorpus.File("us_ybr422_jpeg50_mf30.dcm")));
        Assert.Equal(30, pixels.FrameCount);

        var last = pixels.GetEncodedFrame(29);
        var first = pixels.GetEncodedFrame(0);

        Assert.Equal(0xD8, last[1]);
        Assert.NotEqual(first, last);
        Assert.Throws<PixelDataException>(() => pixels.GetEncodedFrame(30));
    }
}
