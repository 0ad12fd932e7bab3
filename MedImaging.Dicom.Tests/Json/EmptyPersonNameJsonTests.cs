using System.Text.Json;
using MedImaging.Dicom.Json;
using MedImaging.Dicom.Tests.Oracles;
using MedImaging.Dicom.Tests.Support;

namespace MedImaging.Dicom.Tests.Json;

/// <summary>
/// Issue 18 class 4: a person name without components ("^^^^", "=", "^=^") is empty. PS3.18 F.2.5 gives an empty
/// attribute no "Value", and an empty value among several is null; we wrote `[{}]`. dcm2json is the oracle.
/// </summary>
public class EmptyPersonNameJsonTests
{
    [Theory]
    [InlineData("^^^^", """{"vr":"PN"}""")]
    [InlineData("=", """{"vr":"PN"}""")]
    [InlineData("^=^", """{"vr":"PN"}""")]
    [InlineData(" ^ ", """{"vr":"PN"}""")]
    [InlineData("", """{"vr":"PN"}""")]
    [InlineData(@"A\^^", """{"vr":"PN","Value":[{"Alphabetic":"A"},null]}""")]
    [InlineData(@"^\=", """{"vr":"PN","Value":[null,null]}""")]
    [InlineData("=Yamada^Tarou", """{"vr":"PN","Value":[{"Ideographic":"Yamada^Tarou"}]}""")]
    public void Name_without_components_has_no_value(string value, string expected)
    {
        var dataset = new DicomDataset().AddOrUpdate(DicomTag.PatientName, value);
        using var json = JsonDocument.Parse(DicomJsonWriter.Write(dataset));
        Assert.Equal(expected, json.RootElement.GetProperty("00100010").GetRawText());
    }

    [Theory]
    [InlineData("^^^^")]
    [InlineData("^=^")]
    [InlineData(@"A\^^")]
    [InlineData(@"^\=")]
    public void Dump_json_writes_empty_names_as_dcm2json_does(string value)
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.File("names.dcm");
        File.Copy(CorpusFiles.PathOf("ct_ele_14s.dcm"), path);
        var modify = ExternalTool.Run("dcmodify", "-nb", "-q", "-m", $"(0010,0010)={value}", "-m", $"(0008,0090)={value}", path);
        Assert.True(modify.ExitCode == 0, modify.Error);

        var theirs = ExternalTool.Run("dcm2json", path);
        Assert.True(theirs.ExitCode == 0, theirs.Error);
        var output = new StringWriter();
        Assert.Equal(0, MedImaging.Cli.CommandLine.Run(["dump", "--json", path], output, new StringWriter()));
        using var dcmtk = JsonDocument.Parse(theirs.Output);
        using var ours = JsonDocument.Parse(output.ToString());
        foreach (var tag in new[] { "00100010", "00080090" })
            Assert.Equal(Canonical(dcmtk.RootElement.GetProperty(tag)), Canonical(ours.RootElement.GetProperty(tag)));
    }

    private static string Canonical(JsonElement element) => JsonSerializer.Serialize(element);
}
