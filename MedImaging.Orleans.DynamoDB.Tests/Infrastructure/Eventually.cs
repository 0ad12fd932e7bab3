namespace MedImaging.Orleans.DynamoDB.Tests.Infrastructure;

/// <summary>Waits for a condition of a running cluster. The limit only bounds a hang; it is not what a test checks.</summary>
internal static class Eventually
{
    public static async Task<T> Get<T>(Func<Task<T?>> probe, string what, TimeSpan? limit = null) where T : class
    {
        using var timeout = new CancellationTokenSource(limit ?? TimeSpan.FromSeconds(45));
        while (true)
        {
            if (await probe() is { } value)
                return value;
            if (timeout.IsCancellationRequested)
                throw new TimeoutException($"Still waiting for {what}.");
            await Task.Delay(200);
        }
    }
}
