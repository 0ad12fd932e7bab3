namespace MedImaging.Cli.Benchmarking;

/// <summary>
/// The scratch directory of one benchmark run: a fresh temporary directory that is deleted on dispose, or a
/// directory the caller named (kept, so its contents can be inspected afterwards).
/// </summary>
public sealed class BenchWorkspace : IDisposable
{
    private readonly bool _owned;

    private BenchWorkspace(string path, bool owned)
    {
        Path = Directory.CreateDirectory(path).FullName;
        _owned = owned;
    }

    public string Path { get; }

    /// <param name="prefix">Names the temporary directory, e.g. "medimaging-bench-deid".</param>
    /// <param name="given">A directory the caller chose; kept after the run.</param>
    public static BenchWorkspace Create(string prefix, string? given = null) => given is not null
        ? new BenchWorkspace(given, owned: false)
        : new BenchWorkspace(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}"), owned: true);

    /// <summary>A (created) subdirectory of the workspace.</summary>
    public string Subdirectory(string name) => Directory.CreateDirectory(System.IO.Path.Combine(Path, name)).FullName;

    /// <summary>Writes each payload to its own file in a subdirectory; returns the paths in order.</summary>
    public IReadOnlyList<string> WriteAll(string subdirectory, IEnumerable<byte[]> payloads)
    {
        var directory = Subdirectory(subdirectory);
        var paths = new List<string>();
        foreach (var bytes in payloads)
        {
            var path = System.IO.Path.Combine(directory, $"{paths.Count:D5}.dcm");
            File.WriteAllBytes(path, bytes);
            paths.Add(path);
        }
        return paths;
    }

    public void Dispose()
    {
        if (_owned && Directory.Exists(Path))
            Directory.Delete(Path, recursive: true);
    }
}
