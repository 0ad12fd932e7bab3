using System.Buffers.Binary;
using System.Text.Json;
using MedImaging.Dicom.Json;
using MedImaging.Dicom.Tests.Oracles;
using MedImaging.Dicom.Tests.Support;

namespace MedImaging.Dicom.Tests.IO;

/// <summary>
/// Issue 18 class 2: (FFFC,FFFC) Data Set Trailing Padding is an attribute like any other for dcmtk: dcmdump prints it
/// and dcm2json writes it as InlineBinary. We keep it on read, write it back, and report it in `dump --json`.
/// </summary>
public class TrailingPaddingTests
{
    [Theory]
    [InlineData("ct_ele_14s.dcm", 16)]
    [InlineData("us_pal16_ile.dcm", 10)]
    [InlineData("sc_rgb_ebe.dcm", 6)]
    public void Padding_is_kept_and_dump_json_writes_it_as_dcm2json_does(string name, int length)
    {
        using var scratch = new ScratchDirectory();
        var path = WithPadding(name, length, scratch);

        var file = DicomFile.Open(path);
        var padding = Assert.IsType<DicomElement>(file.Dataset.GetDicomItem(DicomTag.DataSetTrailingPadding));
        Assert.Equal(DicomVR.OB, padding.VR);
        Assert.Equal(Bytes(length), padding.Buffer.ToArray());

        var dump = ExternalTool.Run("dcmdump", "-q", "+P", "fffc,fffc", path);
        Assert.Equal(0, dump.ExitCode);
        Assert.Contains("(fffc,fffc) OB", dump.Output);

        var output = new StringWriter();
        Assert.Equal(0, MedImaging.Cli.CommandLine.Run(["dump", "--json", path], output, new StringWriter()));
        using var ours = JsonDocument.Parse(output.ToString());
        var dcmtk = DcmtkJson.Convert(path, scratch);
        using var theirs = JsonDocument.Parse(dcmtk.Json);
        var mine = ours.RootElement.GetProperty("FFFCFFFC");
        var their = theirs.RootElement.GetProperty("FFFCFFFC");
        Assert.Equal(their.GetProperty("vr").GetString(), mine.GetProperty("vr").GetString());
        Assert.Equal(their.GetProperty("InlineBinary").GetString(), mine.GetProperty("InlineBinary").GetString());
    }

    [Fact]
    public void Padding_survives_a_write_and_a_read()
    {
        using var scratch = new ScratchDirectory();
        var file = DicomFile.Open(WithPadding("ct_ele_14s.dcm", 16, scratch));
        var copy = new MemoryStream();
        file.Save(copy);
        var again = DicomFile.Read(copy.ToArray());
        Assert.Equal(Bytes(16), again.Dataset.GetDicomItem<DicomElement>(DicomTag.DataSetTrailingPadding)!.Buffer.ToArray());
    }

    private static byte[] Bytes(int length) => [.. Enumerable.Range(0, length).Select(i => (byte)(i * 7 + 1))];

    /// <summary>The corpus file with an OB (FFFC,FFFC) appended in its own transfer syntax (it is the last tag).</summary>
    private static string WithPadding(string name, int length, ScratchDirectory scratch)
    {
        var original = DicomFile.Open(CorpusFiles.PathOf(name));
        var bigEndian = original.TransferSyntax.IsBigEndian;
        var header = new List<byte>();
        void Add16(ushort v) { var b = new byte[2]; if (bigEndian) BinaryPrimitives.WriteUInt16BigEndian(b, v); else BinaryPrimitives.WriteUInt16LittleEndian(b, v); header.AddRange(b); }
        void Add32(uint v) { var b = new byte[4]; if (bigEndian) BinaryPrimitives.WriteUInt32BigEndian(b, v); else BinaryPrimitives.WriteUInt32LittleEndian(b, v); header.AddRange(b); }
        Add16(0xFFFC);
        Add16(0xFFFC);
        if (original.TransferSyntax.IsExplicitVR)
        {
            header.AddRange("OB"u8.ToArray());
            Add16(0);
        }
        Add32((uint)length);
        var path = scratch.File("padded.dcm");
        File.WriteAllBytes(path, [.. File.ReadAllBytes(CorpusFiles.PathOf(name)), .. header, .. Bytes(length)]);
        return path;
    }
}
