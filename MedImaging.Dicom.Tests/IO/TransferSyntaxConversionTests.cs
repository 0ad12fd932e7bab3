using MedImaging.Dicom.Tests.Support;
using MedImaging.Testing;

namespace MedImaging.Dicom.Tests.IO;

/// <summary>Re-encoding in another native syntax keeps every value: dcmdump prints the same dataset for both files.</summary>
public class TransferSyntaxConversionTests
{
    public static TheoryData<string, string> Conversions() => new()
    {
        { "ct_ele_14s.dcm", "1.2.840.10008.1.2" },
        { "ct_ele_14s.dcm", "1.2.840.10008.1.2.2" },
        { "ct_ele_14s.dcm", "1.2.840.10008.1.2.1.99" },
        { "ct_ebe_undefsq.dcm", "1.2.840.10008.1.2.1" },
        { "us_pal16_ile.dcm", "1.2.840.10008.1.2.2" },
        { "mr_enh_mf10_ele_12u.dcm", "1.2.840.10008.1.2" },
        { "sr_reportsi.dcm", "1.2.840.10008.1.2.2" },
    };

    [Theory]
    [MemberData(nameof(Conversions))]
    public void Dcmdump_sees_the_same_dataset_after_conversion(string name, string targetUid)
    {
        var source = TestCorpus.File(name);
        var target = Path.Combine(Path.GetTempPath(), $"medimaging-{Guid.NewGuid():N}.dcm");
        try
        {
            DicomFile.Open(source).Save(target, new DicomWriteOptions { TransferSyntax = DicomTransferSyntax.Parse(targetUid) });
            Assert.Equal(DatasetLines(source), DatasetLines(target));
            Assert.Equal(targetUid, DicomFile.Open(target).FileMetaInfo.TransferSyntax!.UID.UID);
        }
        finally
        {
            File.Delete(target);
        }
    }

    [Fact]
    public void Byte_identical_copy_is_dumped_identically_by_dcmdump()
    {
        var source = TestCorpus.File("mr_overlay_icon.dcm");
        var target = Path.Combine(Path.GetTempPath(), $"medimaging-{Guid.NewGuid():N}.dcm");
        try
        {
            DicomFile.Open(source).Save(target);
            var before = ExternalTool.Run("dcmdump", "+L", source);
            var after = ExternalTool.Run("dcmdump", "+L", target);
            Assert.True(before.ExitCode == 0 && after.ExitCode == 0, $"dcmdump failed: {before.Error} {after.Error}");
            Assert.Contains("(0010,0010)", before.Output);
            Assert.Equal(before.Output, after.Output);
        }
        finally
        {
            File.Delete(target);
        }
    }

    /// <summary>dcmtk prints "xs"/"ox"/"lt" for US-or-SS / OB-or-OW / LUT data it read without an explicit VR.</summary>
    private static string NormalizeAmbiguousVR(string value)
    {
        if (value.Length < 14) return value;
        var vr = value.Substring(12, 2);
        var group = vr switch { "xs" or "US" or "SS" => "xs", "ox" or "OB" or "OW" or "lt" => "ox", _ => vr };
        return value[..12] + group + value[14..];
    }

    /// <summary>dcmdump's dataset lines without the meta group, group lengths and encoding-dependent length columns.</summary>
    private static List<string> DatasetLines(string path)
    {
        var result = ExternalTool.Run("dcmdump", "+L", "-q", path);
        Assert.Equal(0, result.ExitCode);
        var lines = new List<string>();
        var inDataset = false;
        foreach (var raw in result.Output.Split('\n'))
        {
            if (raw.StartsWith("# Dicom-Data-Set", StringComparison.Ordinal)) { inDataset = true; continue; }
            if (!inDataset || raw.StartsWith('#') || raw.Length == 0) continue;
            var line = raw.TrimStart();
            if (line.StartsWith("(0002,", StringComparison.Ordinal) || line.Contains(",0000) UL", StringComparison.Ordinal)) continue;
            var hash = line.LastIndexOf('#');
            var value = hash > 0 ? line[..hash].TrimEnd() : line;
            var keyword = hash > 0 ? line[(line.LastIndexOf(' ') + 1)..] : "";
            if (value.Contains("(Sequence with", StringComparison.Ordinal) || value.Contains("(Item with", StringComparison.Ordinal)
                || value.Contains("Delimitation", StringComparison.Ordinal)) value = value[..value.IndexOf('(', 11)];
            lines.Add($"{raw.Length - line.Length} {NormalizeAmbiguousVR(value)} {keyword}");
        }
        return lines;
    }
}
