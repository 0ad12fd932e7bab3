namespace MedImaging.Tests.TestHosting;

/// <summary>Runs start-up tasks together and, as soon as one fails, cancels the rest and reports that failure.</summary>
public static class FailFast
{
    public static async Task WhenAllAsync(IEnumerable<Func<CancellationToken, Task>> starts, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tasks = starts.Select(async start =>
        {
            try
            {
                await start(linked.Token);
            }
            catch
            {
                linked.Cancel();
                throw;
            }
        }).ToList();
        try
        {
            await Task.WhenAll(tasks);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Task.WhenAll surfaced a sibling's cancellation: report the failure that caused it instead.
        }
        var failure = tasks.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!)
            .FirstOrDefault(e => e is not OperationCanceledException);
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
        cancellationToken.ThrowIfCancellationRequested();
    }
}
