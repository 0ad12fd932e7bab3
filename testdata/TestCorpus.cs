namespace MedImaging.Testing;

/// <summary>Locates the repository's committed test data, whatever directory the test runs from.</summary>
public static class TestCorpus
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Directory => Path.Combine(RepositoryRoot, "testdata", "corpus");

    public static string StandardDirectory => Path.Combine(RepositoryRoot, "standard");

    public static string File(string name) => Path.Combine(Directory, name);

    public static IReadOnlyList<ManifestRow> Manifest { get; } = ReadManifest();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "MedImaging.sln")))
                return dir.FullName;
        throw new InvalidOperationException("MedImaging.sln not found above " + AppContext.BaseDirectory);
    }

    private static List<ManifestRow> ReadManifest()
    {
        var lines = System.IO.File.ReadAllLines(Path.Combine(Directory, "MANIFEST.tsv"));
        var header = lines[0].Split('\t');
        return lines.Skip(1).Where(l => l.Length > 0).Select(l =>
        {
            var cells = l.Split('\t');
            var map = header.Select((h, i) => (h, v: i < cells.Length ? cells[i] : "")).ToDictionary(p => p.h, p => p.v);
            return new ManifestRow(map);
        }).ToList();
    }
}

/// <summary>One row of testdata/corpus/MANIFEST.tsv (columns as written by dcmtk/gdcm).</summary>
public sealed record ManifestRow(IReadOnlyDictionary<string, string> Cells)
{
    public string File => Cells["file"];
    public string Sha256 => Cells["sha256"];
    public string TransferSyntaxUid => Cells["transfer_syntax_uid"];
    public string Modality => Cells["modality"];
    public string Notes => Cells["notes"];
    public string StudyUid => Cells["study_uid"];
    public bool IsBroken => File.StartsWith("broken_", StringComparison.Ordinal);
    public int? Rows => int.TryParse(Cells["rows"], out var v) ? v : null;
    public int? Columns => int.TryParse(Cells["cols"], out var v) ? v : null;
    public int? Frames => int.TryParse(Cells["frames"], out var v) ? v : null;
    public override string ToString() => File;
}
