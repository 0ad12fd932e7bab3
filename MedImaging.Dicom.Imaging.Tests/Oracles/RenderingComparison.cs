using MedImaging.Dicom.Imaging.Rendering;

namespace MedImaging.Dicom.Imaging.Tests.Oracles;

/// <summary>The agreement rule for 8-bit renderings: within one grey level on at least 99.5% of samples.</summary>
public static class RenderingComparison
{
    public static void AssertAgrees(Pnm expected, RenderedImage ours, string oracle)
    {
        Assert.Equal((expected.Width, expected.Height, expected.Samples), (ours.Width, ours.Height, ours.Samples));
        var off = 0;
        for (var i = 0; i < ours.Pixels.Length; i++)
            if (Math.Abs(ours.Pixels[i] - expected.Pixels[i]) > 1) off++;
        Assert.True(off <= ours.Pixels.Length * 0.005, $"{off} of {ours.Pixels.Length} samples differ from {oracle} by more than one level");
    }

    /// <summary>Renders a DICOM file with dcmj2pnm (dcmtk) and the given VOI options.</summary>
    public static Pnm Dcmj2pnm(string dicomFile, TempDirectory scratch, params string[] options)
    {
        var output = scratch.File("oracle-" + Guid.NewGuid().ToString("N") + ".pnm");
        ExternalTool.Run("dcmj2pnm", [.. options, "+op", dicomFile, output]);
        return Pnm.Read(output);
    }
}
