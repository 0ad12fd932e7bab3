using MedImaging.Aws.StudyQueue;

namespace MedImaging.Silo.Runtime;

/// <summary>
/// While a study's messages are in hand, renews their visibility timeout at a fixed interval, so a long turn
/// is not handed to another silo; a crashed silo stops renewing and its messages come back after the timeout.
/// </summary>
public sealed class VisibilityHeartbeat : IAsyncDisposable
{
    private readonly IStudyQueue _queue;
    private readonly TimeSpan _visibility;
    private readonly ILogger _logger;
    private readonly List<ReceivedStudyMessage> _inHand;
    private readonly CancellationTokenSource _stop = new();
    private readonly PeriodicTimer _timer;
    private readonly Task _loop;

    public VisibilityHeartbeat(IStudyQueue queue, IEnumerable<ReceivedStudyMessage> messages, TimeSpan interval, TimeSpan visibility, ILogger logger)
    {
        _queue = queue;
        _visibility = visibility;
        _logger = logger;
        _inHand = [.. messages];
        _timer = new PeriodicTimer(interval);
        _loop = RunAsync();
    }

    /// <summary>Stops renewing a message (it was deleted or released).</summary>
    public void Release(ReceivedStudyMessage message)
    {
        lock (_inHand) _inHand.Remove(message);
    }

    private async Task RunAsync()
    {
        try
        {
            // Disposing the timer ends the wait with false: a cancelled wait would throw, and every turn ends this way.
            while (await _timer.WaitForNextTickAsync())
            {
                ReceivedStudyMessage[] messages;
                lock (_inHand) messages = [.. _inHand];
                foreach (var message in messages)
                {
                    try
                    {
                        await _queue.SetVisibilityAsync(message, _visibility, _stop.Token);
                    }
                    catch (Exception error) when (error is not OperationCanceledException)
                    {
                        RuntimeLog.HeartbeatFailed(_logger, message.MessageId, error);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _timer.Dispose();
        // Only a renewal in flight is still cancelled.
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
