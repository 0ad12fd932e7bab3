using MedImaging.Aws.Dynamo;
using MedImaging.Aws.Studies;
using MedImaging.Aws.StudyQueue;
using MedImaging.Silo.Runtime;
using Microsoft.Extensions.Options;

namespace MedImaging.Silo.Timers;

/// <summary>
/// Completes studies nobody finalized: every sweep, studies still "received" with no change for the quiet period
/// (from the table's status index) get a quiet-period finalize message. The state is in DynamoDB, so any silo
/// may sweep; the message's deduplication id is derived from the study's last update, so silos sweeping at the
/// same time send it once, and the grain ignores it if the study changed meanwhile.
/// </summary>
/// <remarks>SQS FIFO queues refuse per-message delays, so this durable timer is driven by the table instead.</remarks>
public sealed class QuietPeriodSweeper(
    StudyTable table,
    IStudyQueue queue,
    IOptions<GrainRuntimeOptions> options,
    TimeProvider clock,
    ILogger<QuietPeriodSweeper> logger) : BackgroundService
{
    private const int MaxStudiesPerSweep = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.QuietPeriodSweepInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await SweepAsync(stoppingToken);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    TimerLog.SweepFailed(logger, error);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - options.Value.QuietPeriod;
        var stale = await table.ListStaleAsync(StudyStatus.Received, cutoff, MaxStudiesPerSweep, cancellationToken);
        foreach (var study in stale)
        {
            await queue.SendAsync(FinalizeStudy.AfterQuietPeriod(study.StudyKey, study.UpdatedAt), cancellationToken: cancellationToken);
            TimerLog.QuietPeriodElapsed(logger, StudyKeys.LogRef(study.StudyKey));
        }
    }
}
