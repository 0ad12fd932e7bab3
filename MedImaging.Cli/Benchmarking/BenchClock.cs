using System.Diagnostics;
using System.Globalization;

namespace MedImaging.Cli.Benchmarking;

/// <summary>Timing helpers shared by the benchmark commands.</summary>
public static class BenchClock
{
    public static TimeSpan Time(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed;
    }

    public static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>Items per second, one decimal, invariant culture (e.g. "123.4").</summary>
    public static string Rate(int items, TimeSpan elapsed) =>
        (items / elapsed.TotalSeconds).ToString("F1", CultureInfo.InvariantCulture);
}
