using MedImaging.Pipeline.Execution;
using MedImaging.Pipeline.Steps;
using MedImaging.Silo.Instances;
using MedImaging.Studies;
using Orleans.Placement;

namespace MedImaging.Silo.Workers;

[ActivationCountBasedPlacement]
public sealed class InstanceWorkerGrain(
    InstanceRunner runner, Pseudonymizer pseudonyms, WorkerSlots slots, TimeProvider clock, ILogger<InstanceWorkerGrain> logger)
    : Grain, IInstanceWorkerGrain
{
    public async Task<InstanceRunResult> Run(InstanceWork work)
    {
        try
        {
            var progress = InstanceRecords.Progress(work.Record)
                           ?? throw new InvalidOperationException("The instance record holds no pipeline progress.");
            using var slot = await slots.EnterAsync(CancellationToken.None);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var run = await runner.RunAsync(progress, work.Record.ContentSha256, work.FirstRun, CancellationToken.None);
            WorkerLog.InstanceRan(logger, StudyKeys.LogRef(work.StudyKey), (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            var updated = InstanceRecords.Apply(work.Record, run, pseudonyms, clock.GetUtcNow());
            return new InstanceRunResult(updated, run.RetryAfter, run.Progress.NextStep?.Slug(), run.Progress.Attempt, run.Progress.FailureCode);
        }
        finally
        {
            // One activation per instance run: it goes as soon as it answers instead of idling for the collection age.
            DeactivateOnIdle();
        }
    }
}
