using System.Text.Json;
using MedImaging.Dicom.Json;
using MedImaging.Dicom.Tests.Oracles;
using MedImaging.Dicom.Tests.Support;

namespace MedImaging.Dicom.Tests.IO;

/// <summary>
/// Issue 18 class 3: "US or SS" attributes in implicit VR files take their VR from Pixel Representation in the same
/// item, as dcmtk decides it. The files are made by dcmtk (dcmodify, then dcmconv +ti) and dcm2json is the oracle.
/// </summary>
public class AmbiguousVRTests
{
    private static readonly string[] Values =
    [
        "(0028,0106)=-2000", "(0028,0107)=3000", "(0028,0108)=-7", "(0028,0109)=-1", "(0028,0120)=-2000",
        "(0028,0121)=-4", "(0040,9211)=-8", "(0040,9216)=-9", "(0060,3004)=-6", "(0060,3006)=-7", "(0028,0104)=-5",
        "(0028,1101)=256\\-5\\16", "(0018,9810)=-10", "(0028,3000)[0].(0028,3002)=4096\\-1024\\16",
        "(0028,9145)[0].(0028,0121)=-11",
    ];

    [Theory]
    [InlineData("1")]
    [InlineData("0")]
    [InlineData(null)]
    public void Implicit_VR_us_or_ss_attributes_agree_with_dcm2json(string? pixelRepresentation)
    {
        using var scratch = new ScratchDirectory();
        var path = MakeImplicit(scratch, pixelRepresentation);
        var theirs = ExternalTool.Run("dcm2json", path);
        Assert.True(theirs.ExitCode == 0, theirs.Error);
        using var dcmtk = JsonDocument.Parse(theirs.Output);
        using var ours = JsonDocument.Parse(DicomJsonWriter.Write(DicomFile.Open(path).Dataset, DicomJsonOptions.WithoutPixelData));

        var differences = DicomJsonModelComparer.Compare(dcmtk.RootElement, ours.RootElement,
            new(TopLevel: tag => tag is "7FE00010", AnyLevel: tag => tag is "00080005"));
        Assert.Empty(differences);
        var expected = pixelRepresentation == "1" ? "SS" : "US";
        Assert.Equal(expected, ours.RootElement.GetProperty("00280106").GetProperty("vr").GetString());
        Assert.Equal(expected, ours.RootElement.GetProperty("00603006").GetProperty("vr").GetString());
        Assert.Equal("US", ours.RootElement.GetProperty("00281101").GetProperty("vr").GetString());
    }

    [Fact]
    public void Signed_value_reads_as_negative_and_writes_back_as_ss()
    {
        using var scratch = new ScratchDirectory();
        var file = DicomFile.Open(MakeImplicit(scratch, "1"));
        Assert.Equal(-2000, file.Dataset.GetValue<int>(DicomTag.SmallestImagePixelValue));
        Assert.Equal(-2000, file.Dataset.GetValue<int>(DicomTag.PixelPaddingValue));
        var copy = new MemoryStream();
        file.Save(copy, new DicomWriteOptions { TransferSyntax = DicomTransferSyntax.ExplicitVRLittleEndian });
        var again = DicomFile.Read(copy.ToArray());
        Assert.Equal(DicomVR.SS, again.Dataset.GetDicomItem(DicomTag.SmallestImagePixelValue)!.VR);
    }

    [Fact]
    public void Explicit_un_value_is_resolved_the_same_way()
    {
        // Raw explicit VR little endian: (0028,0103) US 1, (0028,0106) UN 2 bytes 0xF830 (-2000).
        byte[] data =
        [
            0x28, 0x00, 0x03, 0x01, (byte)'U', (byte)'S', 2, 0, 1, 0,
            0x28, 0x00, 0x06, 0x01, (byte)'U', (byte)'N', 0, 0, 2, 0, 0, 0, 0x30, 0xF8,
        ];
        var element = DicomFile.Read(data).Dataset.GetDicomItem<DicomElement>(DicomTag.SmallestImagePixelValue)!;
        Assert.Equal(DicomVR.SS, element.VR);
        Assert.Equal(-2000, element.GetValue<int>());
    }

    internal static string MakeImplicit(ScratchDirectory scratch, string? pixelRepresentation)
    {
        var explicitPath = scratch.File("explicit.dcm");
        File.Copy(CorpusFiles.PathOf("ct_ele_14s.dcm"), explicitPath);
        var args = new List<string> { "-nb", "-q" };
        foreach (var value in Values) args.AddRange(["-i", value]);
        if (pixelRepresentation is null) args.AddRange(["-e", "(0028,0103)"]);
        else args.AddRange(["-m", $"(0028,0103)={pixelRepresentation}"]);
        args.Add(explicitPath);
        Check(ExternalTool.Run("dcmodify", [.. args]));
        var implicitPath = scratch.File("implicit.dcm");
        Check(ExternalTool.Run("dcmconv", "+ti", explicitPath, implicitPath));
        return implicitPath;
    }

    private static void Check(ExternalTool.Result result) => Assert.True(result.ExitCode == 0, result.Error);
}
