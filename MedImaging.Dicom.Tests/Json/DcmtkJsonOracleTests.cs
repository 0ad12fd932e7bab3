using System.Text.Json;
using MedImaging.Dicom.Json;
using MedImaging.Dicom.Tests.Support;
using MedImaging.Testing;

namespace MedImaging.Dicom.Tests.Json;

/// <summary>For every corpus file dcmtk reads, our DICOM JSON agrees with dcm2json on tags, VRs and values.</summary>
public class DcmtkJsonOracleTests
{
    [Theory]
    [MemberData(nameof(Corpus.ReadableFiles), MemberType = typeof(Corpus))]
    public void Our_json_agrees_with_dcm2json(string name)
    {
        var path = TestCorpus.File(name);
        var dcmtk = Dcm2JsonWithoutPixelData(path, out var charsetRemoved);
        // dcmtk keeps VR UN as read; compare like with like (UN re-reading has its own tests).
        var dataset = DicomFile.Open(path, new DicomReadOptions { ReinterpretUnknownVR = false }).Dataset;
        if (charsetRemoved) dataset.Remove(DicomTag.SpecificCharacterSet);
        var ours = DicomJsonWriter.Write(dataset, DicomJsonOptions.WithoutPixelData);
        using var expected = JsonDocument.Parse(dcmtk);
        using var actual = JsonDocument.Parse(ours);
        // dcm2json converts text to UTF-8 and rewrites (0008,0005) accordingly; pixel data we leave out by design.
        var differences = DicomJsonComparer.Compare(expected.RootElement, actual.RootElement,
            tag => tag is "00080005" or "7FE00010" or "7FE00008" or "7FE00009");
        Assert.True(differences.Count == 0, $"{name}: {differences.Count} differences:\n{string.Join("\n", differences.Take(30))}");
    }

    /// <summary>
    /// dcm2json (3.6.7) cannot print encapsulated pixel data, so it runs on a copy whose pixel data dcmodify erased.
    /// When dcmtk cannot convert the character set (a UN-encoded (0008,0005)), that element is erased as well.
    /// </summary>
    private static string Dcm2JsonWithoutPixelData(string path, out bool charsetRemoved)
    {
        var copy = Path.Combine(Path.GetTempPath(), $"medimaging-oracle-{Guid.NewGuid():N}.dcm");
        File.Copy(path, copy);
        try
        {
            Assert.Equal(0, ExternalTool.Run("dcmodify", "-nb", "-q", "-imt", "-ea", "(7fe0,0010)", copy).ExitCode);
            var result = ExternalTool.Run("dcm2json", copy);
            charsetRemoved = false;
            if (result.ExitCode != 0 && result.Error.Contains("character set", StringComparison.Ordinal))
            {
                Assert.Equal(0, ExternalTool.Run("dcmodify", "-nb", "-q", "-ea", "(0008,0005)", copy).ExitCode);
                result = ExternalTool.Run("dcm2json", copy);
                charsetRemoved = true;
            }
            Assert.True(result.ExitCode == 0, $"dcm2json failed: {result.Error}");
            return result.Output;
        }
        finally
        {
            File.Delete(copy);
        }
    }
}
