using MedImaging.Testing;

namespace MedImaging.Dicom.Tests.Oracles;

/// <summary>
/// Every file under testdata/corpus (dicomdir/ included), found on disk rather than from the manifest so a file
/// added later is covered too. Rows are relative paths, so a failing row names its file.
/// </summary>
public static class CorpusFiles
{
    public static TheoryData<string> All() => [.. Names()];

    public static IEnumerable<string> Names() =>
        Directory.EnumerateFiles(TestCorpus.Directory, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(TestCorpus.Directory, path).Replace('\\', '/'))
            .Where(name => name is not ("MANIFEST.tsv" or "PROVENANCE.md"))
            .Order(StringComparer.Ordinal);

    public static string PathOf(string name) => Path.Combine(TestCorpus.Directory, name);
}
