using MedImaging.Dicom.Imaging.Pixels;
using MedImaging.Dicom.Imaging.Rendering;
using MedImaging.Dicom.Imaging.Tests.Oracles;
using MedImaging.Testing;

namespace MedImaging.Dicom.Imaging.Tests.Rendering;

/// <summary>Our 8-bit renderings against dcmtk's dcmj2pnm (dcml2pnm for JPEG-LS) on every corpus image.</summary>
public class DcmtkRenderingOracleTests
{
    /// <summary>Images dcmtk 3.6.7 cannot render at all, with the reason (the test checks that it indeed fails).</summary>
    public static readonly IReadOnlyDictionary<string, string> DcmtkCannotRender = new Dictionary<string, string>
    {
        ["mr_acrnema_12packed.dcm"] = "BitsAllocated 12 without PhotometricInterpretation",
        ["us_pal16_ile.dcm"] = "16-bit segmented palette",
        ["seg_dflframe_mf3.dcm"] = "transfer syntax 1.2.840.10008.1.2.8.1 is newer than dcmtk 3.6.7",
    };

    /// <summary>Images dcmtk renders but says it got wrong (checked by the test), with what it prints.</summary>
    public static readonly IReadOnlyDictionary<string, string> DcmtkWarnsWrongMinMax = new Dictionary<string, string>
    {
        ["pt_jpll70_modlut.dcm"] = "applying modality transform may create unexpected result", // rescale slope 5.9e-08: dcmtk renders it near-black
    };

    private const string Jpeg2000Prefix = "1.2.840.10008.1.2.4.9";

    public static TheoryData<string, int> Images()
    {
        var data = new TheoryData<string, int>();
        foreach (var row in TestCorpus.Manifest.Where(r => !r.IsBroken && r.Rows is > 0 && !DcmtkCannotRender.ContainsKey(r.File)))
        {
            if (!DcmtkWarnsWrongMinMax.ContainsKey(row.File)) data.Add(row.File, 1);
            if (row.Frames is > 1) data.Add(row.File, row.Frames.Value);
        }
        return data;
    }

    public static TheoryData<string> ImagesWithWindow() => new(TestCorpus.Manifest
        .Where(r => !r.IsBroken && r.Rows is > 0 && !DcmtkCannotRender.ContainsKey(r.File))
        .Where(r => MedImaging.Dicom.DicomFile.Open(TestCorpus.File(r.File)).Dataset.Contains(DicomTag.WindowCenter))
        .Select(r => r.File));

    [Theory]
    [MemberData(nameof(Images))]
    public void Min_max_rendering_matches_dcmj2pnm_Wm(string file, int frame)
    {
        AssertMatchesDcmtk(file, frame, ["+Wm"], new WindowChoice.MinMax());
    }

    [Theory]
    [MemberData(nameof(ImagesWithWindow))]
    public void First_window_rendering_matches_dcmj2pnm_Wi_1(string file)
    {
        AssertMatchesDcmtk(file, 1, ["+Wi", "1"], new WindowChoice.FileOnly());
    }

    [Theory]
    [MemberData(nameof(CannotRender))]
    public void Files_excluded_from_the_oracle_are_really_beyond_dcmtk(string file)
    {
        using var scratch = new TempDirectory();
        Assert.Throws<OracleFailedException>(() => ExternalTool.Run("dcmj2pnm", "+Wm", TestCorpus.File(file), scratch.File("out.pnm")));
    }

    [Fact]
    public void Min_max_excluded_files_are_ones_dcmtk_warns_about_and_ours_spread_the_range()
    {
        foreach (var (file, warning) in DcmtkWarnsWrongMinMax)
        {
            using var scratch = new TempDirectory();
            var (_, errors) = ExternalTool.RunWithErrors("dcmj2pnm", "+Wm", "+op", TestCorpus.File(file), scratch.File("out.pnm"));
            Assert.Contains(warning, errors);
            var ours = ImageRenderer.Render(DicomPixelData.Create(MedImaging.Dicom.DicomFile.Open(TestCorpus.File(file))), new RenderOptions(0, new WindowChoice.MinMax()));
            Assert.Equal(0, ours.Pixels.Min());
            Assert.Equal(255, ours.Pixels.Max());
        }
    }

    public static TheoryData<string> CannotRender() => new(DcmtkCannotRender.Keys);

    private static void AssertMatchesDcmtk(string file, int frame, string[] voiOptions, WindowChoice window)
    {
        using var scratch = new TempDirectory();
        var path = TestCorpus.File(file);
        var row = TestCorpus.Manifest.Single(r => r.File == file);
        var oracleInput = path;
        if (row.TransferSyntaxUid.StartsWith(Jpeg2000Prefix, StringComparison.Ordinal))
        {
            // dcmtk has no JPEG 2000 decoder: gdcm decompresses, dcmtk renders.
            oracleInput = scratch.File("raw.dcm");
            ExternalTool.Run("gdcmconv", "--raw", path, oracleInput);
        }
        var tool = row.TransferSyntaxUid is "1.2.840.10008.1.2.4.80" or "1.2.840.10008.1.2.4.81" ? "dcml2pnm" : "dcmj2pnm";
        var output = scratch.File("oracle.pnm");
        string[] options = tool == "dcmj2pnm" ? ["+cg"] : [];
        ExternalTool.Run(tool, [.. options, .. voiOptions, "+F", frame.ToString(), "+op", oracleInput, output]);
        var expected = Pnm.Read(output);

        var pixels = DicomPixelData.Create(MedImaging.Dicom.DicomFile.Open(path));
        var ours = ImageRenderer.Render(pixels, new RenderOptions(frame - 1, window));

        RenderingComparison.AssertAgrees(expected, ours, tool);
    }
}
