using System.Text;
using MedImaging.Dicom.Deidentification.Policy;
using MedImaging.Testing;

namespace MedImaging.Dicom.Deidentification.Tests.Support;

/// <summary>Runs the de-identifier over corpus files and returns the written bytes.</summary>
internal static class CorpusDeidentification
{
    public static readonly byte[] Secret = Encoding.UTF8.GetBytes("corpus-test-secret");

    /// <summary>Corpus files whose manifest notes say they carry (fake) PHI.</summary>
    public static IEnumerable<string> PhiFiles() => TestCorpus.Manifest
        .Where(r => !r.IsBroken && (r.Notes.Contains("has PHI", StringComparison.Ordinal) || r.File.EndsWith("_phi.dcm", StringComparison.Ordinal)))
        .Select(r => r.File);

    /// <summary>Every corpus file our reader is expected to read.</summary>
    public static IEnumerable<string> ReadableFiles() => TestCorpus.Manifest.Where(r => !r.IsBroken).Select(r => r.File);

    public static (byte[] Bytes, DeidentificationResult Result) Run(string corpusFile, DeidentificationPolicy? policy = null, byte[]? secret = null)
    {
        var file = DicomFile.Open(TestCorpus.File(corpusFile));
        var result = new Deidentifier(policy ?? DeidentificationPolicy.Basic, secret ?? Secret).Deidentify(file);
        using var output = new MemoryStream();
        result.File.Save(output);
        return (output.ToArray(), result);
    }
}
