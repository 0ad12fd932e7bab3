using MedImaging.Testing;

namespace MedImaging.Dicom.Tests.Fuzzing;

/// <summary>Every corpus file (broken ones too) with its header layout, loaded once per test run.</summary>
public static class FuzzCorpus
{
    private static readonly Lazy<IReadOnlyList<FuzzSeedFile>> Loaded = new(Load);

    public static IReadOnlyList<FuzzSeedFile> Files => Loaded.Value;

    private static IReadOnlyList<FuzzSeedFile> Load() =>
        Directory.EnumerateFiles(TestCorpus.Directory, "*", SearchOption.AllDirectories)
            .Where(p => !p.EndsWith(".tsv", StringComparison.Ordinal) && !p.EndsWith(".md", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(p =>
            {
                var bytes = File.ReadAllBytes(p);
                return new FuzzSeedFile(Path.GetRelativePath(TestCorpus.Directory, p), bytes, ElementLayout.Walk(bytes));
            })
            .ToList();
}
