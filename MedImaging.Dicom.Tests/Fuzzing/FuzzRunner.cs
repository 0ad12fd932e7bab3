using System.Collections.Concurrent;
using System.Diagnostics;

namespace MedImaging.Dicom.Tests.Fuzzing;

public sealed record FuzzFinding(FuzzInput Input, string Problem)
{
    public override string ToString() =>
        $"seed {Input.Seed}: {Problem}\n    input: {Input.Source} with {Input.Mutations} ({Input.Bytes.Length} bytes)";
}

public sealed record FuzzReport(long Inputs, long Rejected, IReadOnlyList<FuzzFinding> Findings, TimeSpan Elapsed);

/// <summary>
/// Runs consecutive seeds for a bounded time on a worker thread; a watchdog on the calling thread reports an input
/// that runs longer than the per-input timeout as a hang (the worker is a background thread and is abandoned).
/// Every eighth input is read from a file rather than from memory, to cover the windowed file reader too. The worker
/// first reads each unmutated file once, so one-time initialisation (dictionary, JIT) is not billed to an input.
/// </summary>
public static class FuzzRunner
{
    public static FuzzReport Run(DicomMutator mutator, long firstSeed, TimeSpan duration, TimeSpan perInputTimeout, string scratchFile, long maxInputs = long.MaxValue, int maxFindings = 20) =>
        Run(mutator, firstSeed, duration, perInputTimeout, (input, i) => FuzzCheck.Run(input.Bytes, i % 8 == 7 ? scratchFile : null), maxInputs, maxFindings);

    /// <summary>Runs <paramref name="check"/> (given the input and its index in the run) on consecutive seeds.</summary>
    public static FuzzReport Run(DicomMutator mutator, long firstSeed, TimeSpan duration, TimeSpan perInputTimeout,
        Func<FuzzInput, long, (FuzzOutcome Outcome, string? Problem)> check, long maxInputs = long.MaxValue, int maxFindings = 20)
    {
        var findings = new ConcurrentQueue<FuzzFinding>();
        long inputs = 0, rejected = 0;
        FuzzInput? current = null;
        long startedAt = 0;
        var stop = false;
        var clock = Stopwatch.StartNew();
        var worker = new Thread(() =>
        {
            mutator.WarmUp();
            for (var i = 0L; i < maxInputs && !Volatile.Read(ref stop) && findings.Count < maxFindings; i++)
            {
                var input = mutator.Mutate(firstSeed + i);
                Volatile.Write(ref startedAt, Stopwatch.GetTimestamp());
                Volatile.Write(ref current, input);
                var (outcome, problem) = check(input, i);
                Volatile.Write(ref current, null);
                if (outcome == FuzzOutcome.Finding) findings.Enqueue(new FuzzFinding(input, problem!));
                if (outcome == FuzzOutcome.Rejected) Interlocked.Increment(ref rejected);
                Interlocked.Increment(ref inputs);
            }
        }) { IsBackground = true, Name = "dicom-fuzz" };
        worker.Start();
        while (worker.IsAlive && clock.Elapsed < duration)
        {
            worker.Join(TimeSpan.FromMilliseconds(100));
            if (Hung(Volatile.Read(ref current), Volatile.Read(ref startedAt), perInputTimeout) is { } hung)
            {
                findings.Enqueue(new FuzzFinding(hung, $"no result after {perInputTimeout.TotalSeconds:F0} s (hang)"));
                return new FuzzReport(Interlocked.Read(ref inputs), Interlocked.Read(ref rejected), findings.ToList(), clock.Elapsed);
            }
        }
        Volatile.Write(ref stop, true);
        if (!worker.Join(perInputTimeout) && Volatile.Read(ref current) is { } last)
            findings.Enqueue(new FuzzFinding(last, $"no result after {perInputTimeout.TotalSeconds:F0} s (hang)"));
        return new FuzzReport(Interlocked.Read(ref inputs), Interlocked.Read(ref rejected), findings.ToList(), clock.Elapsed);
    }

    private static FuzzInput? Hung(FuzzInput? current, long startedAt, TimeSpan timeout) =>
        current is not null && Stopwatch.GetElapsedTime(startedAt) > timeout ? current : null;
}
