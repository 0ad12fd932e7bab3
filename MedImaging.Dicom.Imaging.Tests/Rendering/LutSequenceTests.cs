using MedImaging.Dicom.Imaging.Pixels;
using MedImaging.Dicom.Imaging.Rendering;
using MedImaging.Dicom.Imaging.Tests.Oracles;

namespace MedImaging.Dicom.Imaging.Tests.Rendering;

/// <summary>Modality LUT Sequence and VOI LUT Sequence, each against dcmj2pnm on a real image that carries one.</summary>
public class LutSequenceTests
{
    /// <summary>ct_jpll70_12u (12-bit unsigned CT) with its rescale replaced by a non-linear 16-bit Modality LUT.</summary>
    private static string WithModalityLut(TempDirectory scratch, bool keepWindow) =>
        DerivedCorpusFile.Write("ct_jpll70_12u.dcm", scratch, d =>
        {
            d.Remove(DicomTag.RescaleSlope);
            d.Remove(DicomTag.RescaleIntercept);
            d.Remove(DicomTag.RescaleType);
            if (keepWindow)
            {
                d.AddOrUpdate(DicomTag.WindowCenter, "30000");
                d.AddOrUpdate(DicomTag.WindowWidth, "20000");
            }
            else
            {
                d.Remove(DicomTag.WindowCenter);
                d.Remove(DicomTag.WindowWidth);
            }
            var lut = Enumerable.Range(0, 4096).Select(i => (ushort)Math.Round(65535 * Math.Sqrt(i / 4095.0))).ToArray();
            var item = new DicomDataset();
            item.AddOrUpdate(DicomVR.US, DicomTag.LUTDescriptor, (ushort)4096, (ushort)0, (ushort)16);
            item.AddOrUpdate(DicomTag.ModalityLUTType, "US");
            item.AddOrUpdate(DicomVR.OW, DicomTag.LUTData, lut);
            d.AddOrUpdate(new DicomSequence(DicomTag.ModalityLUTSequence, item));
        });

    [Fact]
    public void Modality_lut_sequence_then_min_max_matches_dcmj2pnm_Wm()
    {
        using var scratch = new TempDirectory();
        var path = WithModalityLut(scratch, keepWindow: false);

        var ours = Render(path, new WindowChoice.MinMax());
        RenderingComparison.AssertAgrees(RenderingComparison.Dcmj2pnm(path, scratch, "+Wm"), ours, "dcmj2pnm +Wm");

        // The LUT is not linear, so ignoring it would change the picture: the test can fail.
        var ignoringLut = RenderingComparison.Dcmj2pnm(path, scratch, "-M", "+Wm");
        var differing = ours.Pixels.Zip(ignoringLut.Pixels).Count(p => Math.Abs(p.First - p.Second) > 1);
        Assert.True(differing > ours.Pixels.Length / 20, $"only {differing} pixels depend on the Modality LUT");
    }

    [Fact]
    public void Modality_lut_sequence_then_the_files_window_matches_dcmj2pnm_Wi()
    {
        using var scratch = new TempDirectory();
        var path = WithModalityLut(scratch, keepWindow: true);

        RenderingComparison.AssertAgrees(RenderingComparison.Dcmj2pnm(path, scratch, "+Wi", "1"), Render(path, new WindowChoice.FileOnly()), "dcmj2pnm +Wi 1");
    }

    /// <summary>mg_jpll70_3k carries three windows and a VOI LUT Sequence; without the windows its first VOI LUT applies.</summary>
    [Fact]
    public void Voi_lut_sequence_matches_dcmj2pnm_Wl_1()
    {
        using var scratch = new TempDirectory();
        var path = DerivedCorpusFile.Write("mg_jpll70_3k.dcm", scratch, d =>
        {
            d.Remove(DicomTag.WindowCenter);
            d.Remove(DicomTag.WindowWidth);
            d.Remove(DicomTag.WindowCenterWidthExplanation);
            d.Remove(DicomTag.VOILUTFunction);
        });

        var ours = Render(path, WindowChoice.Default);
        RenderingComparison.AssertAgrees(RenderingComparison.Dcmj2pnm(path, scratch, "+Wl", "1"), ours, "dcmj2pnm +Wl 1");

        var minMax = Render(path, new WindowChoice.MinMax());
        var differing = ours.Pixels.Zip(minMax.Pixels).Count(p => Math.Abs(p.First - p.Second) > 1);
        Assert.True(differing > ours.Pixels.Length / 20, $"the VOI LUT rendering differs from min-max on only {differing} pixels");
    }

    private static RenderedImage Render(string path, WindowChoice window) =>
        ImageRenderer.Render(DicomPixelData.Create(MedImaging.Dicom.DicomFile.Open(path)), new RenderOptions(0, window));
}
