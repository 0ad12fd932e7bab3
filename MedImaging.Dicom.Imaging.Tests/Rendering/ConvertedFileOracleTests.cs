using MedImaging.Dicom.Imaging.Pixels;
using MedImaging.Dicom.Imaging.Rendering;
using MedImaging.Dicom.Imaging.Tests.Oracles;
using MedImaging.Testing;

namespace MedImaging.Dicom.Imaging.Tests.Rendering;

/// <summary>
/// The corpus files dcmtk cannot render directly (<see cref="DcmtkRenderingOracleTests.DcmtkCannotRender"/>), checked
/// against an oracle after a conversion that leaves their pixel values to the oracle's own code:
/// us_pal16_ile through gdcm's palette expansion, mr_acrnema_12packed through gdcm (which adds the missing
/// Photometric Interpretation and keeps the 12-bit packing) and then dcmtk's unpacking and rendering,
/// seg_dflframe_mf3 inflated by Python's zlib into a native file that dcmtk renders.
/// </summary>
public class ConvertedFileOracleTests
{
    [Fact]
    public void Sixteen_bit_segmented_palette_matches_gdcm_apply_lut()
    {
        using var scratch = new TempDirectory();
        var converted = scratch.File("rgb.dcm");
        ExternalTool.Run("gdcmconv", "--apply-lut", TestCorpus.File("us_pal16_ile.dcm"), converted);
        var oracle = DcmdumpPixelData.Read(converted, scratch);
        Assert.Equal(("RGB", 16), (oracle.Format.Photometric, oracle.Format.BitsAllocated));
        var words = MemoryMarshal.Cast<byte, ushort>(oracle.NativePixels!.AsSpan(0, (int)oracle.Format.FrameLength));
        var rgb = oracle.Format.PlanarConfiguration == 1
            ? MemoryMarshal.Cast<byte, ushort>(PlanarSamples.ToInterleaved(oracle.NativePixels!, 3, 2)).ToArray()
            : words.ToArray();
        var expected = new Pnm(oracle.Format.Columns, oracle.Format.Rows, 3, rgb.Select(w => (byte)(w >> 8)).ToArray());

        var ours = ImageRenderer.Render(Open("us_pal16_ile.dcm"), new RenderOptions());

        RenderingComparison.AssertAgrees(expected, ours, "gdcmconv --apply-lut");
        Assert.True(ours.Pixels.Distinct().Count() > 64, "the palette image should be more than a few colours");
    }

    [Fact]
    public void Acr_nema_12_bit_packed_samples_match_dcmtk_after_gdcm_names_the_photometric()
    {
        using var scratch = new TempDirectory();
        var converted = GdcmRaw("mr_acrnema_12packed.dcm", scratch);
        var plain = scratch.File("values.pgm");
        ExternalTool.Run("dcmj2pnm", "-W", "+opn", "12", converted, plain); // no VOI: 12-bit output is the stored value
        var expected = Pnm.ReadPlain(plain);

        var frame = Open("mr_acrnema_12packed.dcm").DecodeFrame(0);
        var ours = MemoryMarshal.Cast<byte, ushort>(frame.Samples).ToArray().Select(v => (int)v).ToArray();

        Assert.Equal((256, 256, 4095), (expected.Width, expected.Height, expected.MaxValue));
        Assert.Equal(expected.Values, ours);
    }

    [Theory]
    [InlineData("+Wm")]
    [InlineData("+Wi", "1")]
    public void Acr_nema_12_bit_packed_rendering_matches_dcmj2pnm(params string[] voi)
    {
        using var scratch = new TempDirectory();
        var converted = GdcmRaw("mr_acrnema_12packed.dcm", scratch);
        var window = voi[0] == "+Wm" ? (WindowChoice)new WindowChoice.MinMax() : new WindowChoice.FileOnly();

        var ours = ImageRenderer.Render(Open("mr_acrnema_12packed.dcm"), new RenderOptions(0, window));

        RenderingComparison.AssertAgrees(RenderingComparison.Dcmj2pnm(converted, scratch, voi), ours, "dcmj2pnm " + string.Join(' ', voi));
    }

    [Fact]
    public void Deflated_one_bit_segmentation_frames_match_dcmtk_on_the_zlib_inflated_native_file()
    {
        using var scratch = new TempDirectory();
        var source = DcmdumpPixelData.Read(TestCorpus.File("seg_dflframe_mf3.dcm"), scratch);
        var native = new List<byte>();
        for (var frame = 0; frame < source.Frames; frame++)
        {
            var fragment = scratch.File($"frame{frame}.deflated");
            File.WriteAllBytes(fragment, source.EncapsulatedFrame(frame));
            native.AddRange(PythonInflate(fragment, scratch));
        }
        var nativeFile = DerivedCorpusFile.Write("seg_dflframe_mf3.dcm", scratch, d =>
            d.AddOrUpdate(new DicomElement(DicomTag.PixelData, DicomVR.OB, native.ToArray())),
            new DicomWriteOptions { TransferSyntax = DicomTransferSyntax.ExplicitVRLittleEndian });

        var pixels = Open("seg_dflframe_mf3.dcm");
        Assert.Equal(3, pixels.FrameCount);
        for (var frame = 0; frame < pixels.FrameCount; frame++)
        {
            var ours = ImageRenderer.Render(pixels, new RenderOptions(frame, new WindowChoice.MinMax()));
            var expected = RenderingComparison.Dcmj2pnm(nativeFile, scratch, "+Wm", "+F", (frame + 1).ToString());
            RenderingComparison.AssertAgrees(expected, ours, $"dcmj2pnm +Wm frame {frame + 1}");
            Assert.Contains(ours.Pixels, p => p == 255);
        }
    }

    private static DicomPixelData Open(string file) => DicomPixelData.Create(MedImaging.Dicom.DicomFile.Open(TestCorpus.File(file)));

    private static string GdcmRaw(string file, TempDirectory scratch)
    {
        var converted = scratch.File("gdcm-" + file);
        ExternalTool.Run("gdcmconv", "--raw", TestCorpus.File(file), converted);
        return converted;
    }

    private static byte[] PythonInflate(string fragmentPath, TempDirectory scratch)
    {
        var output = fragmentPath + ".inflated";
        ExternalTool.Run("python3", "-c",
            "import sys,zlib; open(sys.argv[2],'wb').write(zlib.decompress(open(sys.argv[1],'rb').read(), -15))", fragmentPath, output);
        return File.ReadAllBytes(output);
    }
}
