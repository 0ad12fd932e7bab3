using MedImaging.Dicom;

namespace MedImaging.Cli;

/// <summary>
/// Runs an action on each file; an unreadable file gives one line `error: FILE: reason` on stderr and exit code 2,
/// and the remaining files are still processed.
/// </summary>
public static class FileBatch
{
    public const int FileError = 2;

    public static int Run(IEnumerable<string> files, TextWriter error, Action<string> action)
    {
        var status = 0;
        foreach (var file in files)
        {
            try
            {
                action(file);
            }
            catch (Exception e) when (e is DicomFormatException or DicomDataException or IOException or UnauthorizedAccessException or NotSupportedException)
            {
                error.WriteLine($"error: {file}: {Reason(e)}");
                status = FileError;
            }
        }
        return status;
    }

    /// <summary>
    /// Like <see cref="Run"/> on up to <paramref name="threads"/> files at once (all cores by default). Lines are
    /// written whole, in the order files finish; the action must be thread-safe.
    /// </summary>
    public static int RunParallel(IReadOnlyList<string> files, TextWriter error, Action<string> action, int threads = 0)
    {
        var status = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount };
        var gate = new object();
        Parallel.ForEach(files, options, file =>
        {
            try
            {
                action(file);
            }
            catch (Exception e) when (e is DicomFormatException or DicomDataException or IOException or UnauthorizedAccessException or NotSupportedException)
            {
                lock (gate)
                {
                    error.WriteLine($"error: {file}: {Reason(e)}");
                    status = FileError;
                }
            }
        });
        return status;
    }

    private static string Reason(Exception e) => e switch
    {
        FileNotFoundException => "no such file",
        DirectoryNotFoundException => "no such directory",
        UnauthorizedAccessException => "permission denied",
        _ => e.Message,
    };
}
