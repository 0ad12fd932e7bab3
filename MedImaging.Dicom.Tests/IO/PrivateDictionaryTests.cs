using System.Text.Json;
using MedImaging.Dicom.Json;
using MedImaging.Dicom.Tests.Oracles;
using MedImaging.Dicom.Tests.Support;
using MedImaging.Testing;
using MedImaging.Tools.DicomCodeGen;

namespace MedImaging.Dicom.Tests.IO;

/// <summary>
/// Issue 18 class 5: known private attributes in implicit VR files get the VR of dcmtk's private dictionary
/// (standard/private-dictionary.tsv) instead of UN. The files are made by dcmtk and dcm2json is the oracle.
/// </summary>
public class PrivateDictionaryTests
{
    private const string DebianPrivateDic = "/usr/share/libdcmtk17/private.dic";

    private static readonly string[] PrivateValues =
    [
        "(0029,0010)=SIEMENS CSA HEADER", "(0029,1008)=IMAGE NUM 4", "(0029,1009)=20060320", "(0029,1010)=01\\02\\03\\04",
        "(0029,0011)=CARDIO-D.R. 1.0", "(0029,1101)=3\\4", "(0029,1102)=1.5\\2.5",
        "(0029,0012)=SOME VENDOR", "(0029,1210)=12",
        "(0009,0010)=DCMTK_ANONYMIZER", "(0009,1000)[0].(0010,0020)=X",
        "(7001,0010)=DLX_ANNOT_01", "(7001,1005)=1\\2",
    ];

    [Fact]
    public void Implicit_VR_private_attributes_agree_with_dcm2json()
    {
        using var scratch = new ScratchDirectory();
        var path = MakeImplicit(scratch);
        var theirs = ExternalTool.Run("dcm2json", path);
        Assert.True(theirs.ExitCode == 0, theirs.Error);
        using var dcmtk = JsonDocument.Parse(theirs.Output);
        using var ours = JsonDocument.Parse(DicomJsonWriter.Write(DicomFile.Open(path).Dataset, DicomJsonOptions.WithoutPixelData));

        Assert.Empty(DicomJsonModelComparer.Compare(dcmtk.RootElement, ours.RootElement,
            new(TopLevel: tag => tag is "7FE00010", AnyLevel: tag => tag is "00080005")));
        (string Tag, string VR)[] expected =
            [("00291008", "CS"), ("00291010", "OB"), ("00291101", "US"), ("00291102", "DS"), ("00291210", "UN"), ("00091000", "SQ"), ("70011005", "IS")];
        foreach (var (tag, vr) in expected)
            Assert.Equal(vr, ours.RootElement.GetProperty(tag).GetProperty("vr").GetString());
    }

    [Fact]
    public void Explicit_UN_private_attributes_of_a_known_creator_are_read_as_dcmconv_uc_reads_them()
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.File("private-un.dcm");
        var file = DicomFile.Open(MakeImplicit(scratch));
        file.Dataset.Remove(DicomTag.PixelData);
        var bytes = new MemoryStream();
        file.Save(bytes, new DicomWriteOptions { TransferSyntax = DicomTransferSyntax.ExplicitVRLittleEndian });
        File.WriteAllBytes(path, AsUN(bytes.ToArray(), [(0x0029, 0x1008), (0x0029, 0x1101)]));
        var dump = ExternalTool.Run("dcmdump", "-q", path);
        Assert.True(dump.ExitCode == 0, dump.Error);
        Assert.Contains("(0029,1008) UN", dump.Output);

        var dcmtk = DcmtkJson.Convert(path, scratch);
        using var theirs = JsonDocument.Parse(dcmtk.Json);
        var reread = DicomFile.Open(path).Dataset;
        using var ours = JsonDocument.Parse(DicomJsonWriter.Write(reread, DicomJsonOptions.WithoutPixelData));
        Assert.Empty(DicomJsonModelComparer.Compare(theirs.RootElement, ours.RootElement,
            new(TopLevel: tag => tag is "7FE00010", AnyLevel: tag => tag is "00080005")));
        Assert.Equal(DicomVR.CS, reread.GetDicomItem(new DicomTag(0x0029, 0x1008))!.VR);
        Assert.Equal(DicomVR.US, reread.GetDicomItem(new DicomTag(0x0029, 0x1101))!.VR);
        Assert.True(reread.GetDicomItem<DicomElement>(new DicomTag(0x0029, 0x1101))!.EncodedAsUN);
    }

    /// <summary>Rewrites the explicit VR headers of the given top-level elements as UN (4-byte length), in place of their VR.</summary>
    private static byte[] AsUN(byte[] file, (ushort Group, ushort Element)[] tags)
    {
        var output = new List<byte>(file.Length + 64);
        var position = 0;
        foreach (var (group, element) in tags)
        {
            byte[] head = [(byte)group, (byte)(group >> 8), (byte)element, (byte)(element >> 8)];
            var at = file.AsSpan(position).IndexOf(head) + position;
            Assert.True(at >= position, $"({group:X4},{element:X4}) not found");
            var vr = System.Text.Encoding.ASCII.GetString(file, at + 4, 2);
            Assert.True(vr is not ("OB" or "OW" or "UN" or "SQ" or "UT" or "UC" or "UR"), $"test expects a short-header VR, found {vr}");
            var length = file[at + 6] | (file[at + 7] << 8);
            output.AddRange(file.AsSpan(position, at - position).ToArray());
            output.AddRange(head);
            output.AddRange("UN\0\0"u8.ToArray());
            output.AddRange(BitConverter.GetBytes((uint)length));
            position = at + 8;
        }
        output.AddRange(file.AsSpan(position).ToArray());
        return [.. output];
    }

    [Fact]
    public void Bytes_that_are_no_sequence_under_a_private_sq_entry_stay_UN()
    {
        // Implicit VR little endian: (0009,0010) "DCMTK_ANONYMIZER", then (0009,1000) (SQ in the dictionary) holding "ABCD".
        byte[] data =
        [
            0x09, 0x00, 0x10, 0x00, 16, 0, 0, 0, .. "DCMTK_ANONYMIZER"u8,
            0x09, 0x00, 0x00, 0x10, 4, 0, 0, 0, .. "ABCD"u8,
        ];
        var element = DicomFile.Read(data).Dataset.GetDicomItem<DicomElement>(new DicomTag(0x0009, 0x1000));
        Assert.NotNull(element);
        Assert.Equal(DicomVR.UN, element.VR);
        Assert.Equal("ABCD"u8.ToArray(), element.Buffer.ToArray());
    }

    [Theory]
    [InlineData("SIEMENS CSA HEADER", 0x0029, 0x1010, "OB")]
    [InlineData("SIEMENS CSA HEADER", 0x0029, 0x2310, "OB")]
    [InlineData("CMR42 CIRCLECVI", 0x0025, 0x1010, "LO")]
    [InlineData("DLX_ANNOT_01", 0x70FF, 0x1004, "ST")]
    public void Lookup_finds_block_fixed_and_group_range_entries(string creator, ushort group, ushort element, string vr)
    {
        Assert.True(DicomPrivateDictionary.TryGetVR(creator, group, element, out var found));
        Assert.Equal(vr, found.Code);
    }

    [Theory]
    [InlineData("SIEMENS CSA HEADER", 0x0029, 0x1011)]
    [InlineData("CMR42 CIRCLECVI", 0x0025, 0x1110)]
    [InlineData("DLX_ANNOT_01", 0x7100, 0x1004)]
    [InlineData("NOBODY", 0x0029, 0x1010)]
    public void Lookup_misses_what_the_dictionary_does_not_name(string creator, ushort group, ushort element) =>
        Assert.False(DicomPrivateDictionary.TryGetVR(creator, group, element, out _));

    [Fact]
    public void Committed_table_is_the_import_of_the_installed_dcmtk_private_dic()
    {
        Assert.True(File.Exists(DebianPrivateDic), $"{DebianPrivateDic} missing: install dcmtk (scripts/install-deps.sh)");
        var imported = PrivateDictionaryImporter.Import(File.ReadAllLines(DebianPrivateDic));
        var committed = File.ReadAllText(Path.Combine(TestCorpus.StandardDirectory, "private-dictionary.tsv"));
        Assert.True(imported == committed, "standard/private-dictionary.tsv differs from an import of " + DebianPrivateDic);
    }

    internal static string MakeImplicit(ScratchDirectory scratch)
    {
        var explicitPath = scratch.File("explicit.dcm");
        File.Copy(CorpusFiles.PathOf("ct_ele_14s.dcm"), explicitPath);
        var args = new List<string> { "-nb", "-q" };
        foreach (var value in PrivateValues) args.AddRange(["-i", value]);
        args.Add(explicitPath);
        Check(ExternalTool.Run("dcmodify", [.. args]));
        var implicitPath = scratch.File("implicit.dcm");
        Check(ExternalTool.Run("dcmconv", "+ti", explicitPath, implicitPath));
        return implicitPath;
    }

    private static void Check(ExternalTool.Result result) => Assert.True(result.ExitCode == 0, result.Error);
}
