using System.Text.Json;
using MedImaging.Dicom.Json;

namespace MedImaging.Dicom.Tests.Oracles;

/// <summary>
/// For every corpus file, our DICOM JSON (the writer behind `medimaging dump --json`) agrees with dcmtk's dcm2json
/// on tags, VRs and values, or dcmtk and we both reject the file (we with <see cref="DicomFormatException"/>).
/// Preparation of dcmtk's side: <see cref="DcmtkJson"/>; value equivalences: <see cref="DicomJsonModelComparer"/>.
/// </summary>
public class Dcm2JsonOracleTests
{
    private static readonly DicomTag SpecificCharacterSet = new(0x0008, 0x0005);

    // Pixel data is left out of `dump --json` by design, and dcmtk's side has it erased when encapsulated.
    // (0008,0005): dcm2json transcodes all text to UTF-8 and rewrites the value to "ISO_IR 192"; the decoded text is
    // compared everywhere, and our top-level value is compared with the one dcmdump prints from the file instead.
    private static readonly DicomJsonModelComparer.Exclusions Excluded = new(
        TopLevel: tag => tag is "7FE00008" or "7FE00009" or "7FE00010",
        AnyLevel: tag => tag is "00080005");

    [Theory]
    [MemberData(nameof(CorpusFiles.All), MemberType = typeof(CorpusFiles))]
    public void Our_json_agrees_with_dcm2json_or_both_reject_the_file(string name)
    {
        var path = CorpusFiles.PathOf(name);
        using var scratch = new ScratchDirectory();
        var dcmtk = DcmtkJson.Convert(path, scratch);
        if (dcmtk.Rejected)
        {
            var error = Record.Exception(() => DicomFile.Open(path));
            Assert.True(error is DicomFormatException,
                $"dcmtk rejects {name} ({FirstLine(dcmtk.Error)}); we gave {error?.GetType().Name ?? "no exception"}: {error?.Message}");
            return;
        }

        var file = DicomFile.Open(path);
        var dataset = file.Dataset.Clone();
        if (dcmtk.NestedPixelDataRemoved) RemovePixelDataAtAnyDepth(dataset);
        using var theirs = JsonDocument.Parse(dcmtk.Json);
        using var ours = JsonDocument.Parse(DicomJsonWriter.Write(dataset, DicomJsonOptions.WithoutPixelData));
        var differences = DicomJsonModelComparer.Compare(theirs.RootElement, ours.RootElement, Excluded);
        Assert.True(differences.Count == 0, $"{name}: {differences.Count} difference(s) from dcm2json:\n{string.Join('\n', differences.Take(40))}");

        var ourCharacterSet = file.Dataset.GetDicomItem(SpecificCharacterSet) is DicomElement element
            ? element.GetStrings().Select(s => s.Trim()).ToList()
            : null;
        Assert.Equal(dcmtk.TopLevelCharacterSet?.Select(s => s.Trim()).ToList(), ourCharacterSet);
    }

    [Theory]
    [InlineData("ct_ele_14s.dcm")]
    [InlineData("dicomdir/DICOMDIR")]
    public void Dump_json_prints_the_json_this_oracle_compares(string name)
    {
        var output = new StringWriter();
        Assert.Equal(0, MedImaging.Cli.CommandLine.Run(["dump", "--json", CorpusFiles.PathOf(name)], output, new StringWriter()));
        var expected = DicomJsonWriter.Write(DicomFile.Open(CorpusFiles.PathOf(name)).Dataset, DicomJsonOptions.WithoutPixelData);
        Assert.Equal(expected, output.ToString().TrimEnd('\n'));
    }

    private static void RemovePixelDataAtAnyDepth(DicomDataset dataset)
    {
        dataset.Remove(DicomTag.PixelData);
        foreach (var sequence in dataset.OfType<DicomSequence>())
            foreach (var item in sequence.Items)
                RemovePixelDataAtAnyDepth(item);
    }

    private static string FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
}
