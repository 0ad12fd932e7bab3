using System.Runtime.ExceptionServices;
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
    /// written whole, in the order files finish; the action must be thread-safe. Dedicated threads (this one among
    /// them) take the next file in turn: a short batch pays for no thread-pool ramp-up or spinning.
    /// </summary>
    public static int RunParallel(IReadOnlyList<string> files, TextWriter error, Action<string> action, int threads = 0)
    {
        var status = 0;
        var next = -1;
        var gate = new object();
        ExceptionDispatchInfo? unexpected = null;
        void Work()
        {
            int index;
            while (Volatile.Read(ref unexpected) is null && (index = Interlocked.Increment(ref next)) < files.Count)
            {
                var file = files[index];
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
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref unexpected, ExceptionDispatchInfo.Capture(e), null);
                }
            }
        }
        var workers = Math.Min(threads > 0 ? threads : Environment.ProcessorCount, files.Count);
        var helpers = new List<Thread>();
        for (var i = 1; i < workers; i++)
        {
            var thread = new Thread(Work) { IsBackground = true, Name = "medimaging batch" };
            thread.Start();
            helpers.Add(thread);
        }
        Work();
        foreach (var thread in helpers)
            thread.Join();
        unexpected?.Throw();
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
