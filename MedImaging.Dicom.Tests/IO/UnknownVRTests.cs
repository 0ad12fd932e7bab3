using System.Text.RegularExpressions;
using MedImaging.Dicom.Tests.Oracles;
using MedImaging.Dicom.Tests.Support;
using MedImaging.Testing;

namespace MedImaging.Dicom.Tests.IO;

public class UnknownVRTests
{
    [Fact]
    public void Explicit_UN_elements_are_read_with_the_dictionary_VR()
    {
        var dataset = DicomFile.Open(TestCorpus.File("ct_vr_un_j2kr.dcm")).Dataset;
        var imageType = dataset.GetDicomItem<DicomElement>(DicomTag.ImageType)!;
        Assert.Equal(DicomVR.CS, imageType.VR);
        Assert.True(imageType.EncodedAsUN);
        Assert.Equal(["ORIGINAL", "PRIMARY", "AXIAL"], dataset.GetStrings(DicomTag.ImageType));
        Assert.Equal(512, dataset.GetValue<int>(DicomTag.Rows));
        Assert.Equal("CT", dataset.GetString(DicomTag.Modality));
    }

    [Fact]
    public void Without_reinterpretation_they_stay_UN()
    {
        var dataset = DicomFile.Open(TestCorpus.File("ct_vr_un_j2kr.dcm"), new DicomReadOptions { ReinterpretUnknownVR = false }).Dataset;
        Assert.Equal(DicomVR.UN, dataset.GetDicomItem(DicomTag.ImageType)!.VR);
    }

    [Fact]
    public void Re_read_UN_elements_are_written_as_their_real_VR_in_another_syntax()
    {
        var file = DicomFile.Open(TestCorpus.File("ct_vr_un_j2kr.dcm"));
        file.Dataset.Remove(DicomTag.PixelData);
        var output = new MemoryStream();
        file.Save(output, new DicomWriteOptions { TransferSyntax = DicomTransferSyntax.ExplicitVRLittleEndian });
        var reread = DicomFile.Read(output.ToArray(), new DicomReadOptions { ReinterpretUnknownVR = false });
        Assert.Equal(DicomVR.CS, reread.Dataset.GetDicomItem(DicomTag.ImageType)!.VR);
        Assert.Equal(DicomVR.US, reread.Dataset.GetDicomItem(DicomTag.Rows)!.VR);
    }

    [Fact]
    public void Header_only_read_from_memory_gives_the_UN_encoded_uids_as_text()
    {
        var row = TestCorpus.Manifest.Single(r => r.File == "ct_vr_un_j2kr.dcm");
        var dataset = DicomFile.Read(File.ReadAllBytes(TestCorpus.File(row.File)), DicomReadOptions.HeaderOnly).Dataset;
        Assert.Equal(DicomVR.UI, dataset.GetDicomItem(DicomTag.StudyInstanceUID)!.VR);
        Assert.Equal(row.StudyUid, dataset.GetString(DicomTag.StudyInstanceUID).TrimEnd('\0'));
    }

    /// <summary>dcmconv +uc is dcmtk's UN re-read (PS3.5 6.2.2): every top-level element gets the VR it gives.</summary>
    [Fact]
    public void Every_UN_element_gets_the_VR_dcmtk_gives_it()
    {
        using var scratch = new ScratchDirectory();
        var converted = scratch.File("uc.dcm");
        var conversion = ExternalTool.Run("dcmconv", "+uc", TestCorpus.File("ct_vr_un_j2kr.dcm"), converted);
        Assert.True(conversion.ExitCode == 0, conversion.Error);
        var dump = ExternalTool.Run("dcmdump", "-q", converted);
        Assert.True(dump.ExitCode == 0, dump.Error);
        var original = ExternalTool.Run("dcmdump", "-q", TestCorpus.File("ct_vr_un_j2kr.dcm"));
        Assert.True(original.ExitCode == 0, original.Error);
        var encodedAsUN = Regex.Matches(original.Output, @"^(\([0-9a-f]{4},[0-9a-f]{4}\)) UN ", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToHashSet();
        var dataset = DicomFile.Open(TestCorpus.File("ct_vr_un_j2kr.dcm")).Dataset;
        var compared = 0;
        foreach (Match line in Regex.Matches(dump.Output, @"^\((?<g>[0-9a-f]{4}),(?<e>[0-9a-f]{4})\) (?<vr>[A-Z][A-Z]) ", RegexOptions.Multiline))
        {
            var tag = new DicomTag(Convert.ToUInt16(line.Groups["g"].Value, 16), Convert.ToUInt16(line.Groups["e"].Value, 16));
            if (!encodedAsUN.Contains(line.Value[..11])) continue;
            Assert.True(line.Groups["vr"].Value == dataset.GetDicomItem(tag)?.VR.Code, $"{tag}: {line.Groups["vr"].Value} (dcmtk) vs {dataset.GetDicomItem(tag)?.VR.Code}");
            compared++;
        }
        Assert.True(compared > 30, $"only {compared} elements compared");
    }
}
