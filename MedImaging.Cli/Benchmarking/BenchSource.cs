namespace MedImaging.Cli.Benchmarking;

/// <summary>Finds a benchmark's input file: as given, or relative to the repository (searched upwards from the
/// current directory and from the tool's own directory), so the default corpus files work from anywhere inside it.</summary>
public static class BenchSource
{
    public static string? Find(string path)
    {
        if (File.Exists(path)) return System.IO.Path.GetFullPath(path);
        if (System.IO.Path.IsPathRooted(path)) return null;
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = System.IO.Path.Combine(dir.FullName, path);
                if (File.Exists(candidate)) return candidate;
            }
        return null;
    }
}
