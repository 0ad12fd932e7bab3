namespace MedImaging.Silo.Workers;

/// <summary>
/// Instance runs at once on this silo: two per core (a run waits on S3 part of its time). However many studies send
/// work here, the silo's memory holds that many instances, not all of them.
/// </summary>
public sealed class WorkerSlots() : IDisposable
{
    private readonly SemaphoreSlim _slots = new(2 * Environment.ProcessorCount);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        return new Slot(_slots);
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) slots.Release();
        }
    }
}
