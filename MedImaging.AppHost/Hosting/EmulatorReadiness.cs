namespace MedImaging.AppHost.Hosting;

/// <summary>
/// Waits for an emulator to answer HTTP, polling every 100 ms: provisioning starts the moment both answer instead of at
/// the dashboard's next health check, which the start time of the whole app waits on.
/// </summary>
internal static class EmulatorReadiness
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };

    /// <param name="anyAnswer">DynamoDB Local answers a bare GET with 400: any HTTP answer means it is up.</param>
    public static async Task WaitAsync(string name, Uri url, bool anyAnswer, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        while (true)
        {
            try
            {
                using var response = await Http.GetAsync(url, deadline.Token);
                if (anyAnswer || response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!deadline.IsCancellationRequested)
            {
                // One attempt timed out; try again.
            }
            try
            {
                await Task.Delay(100, deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new DistributedApplicationException($"{name} did not answer at {url} within {Timeout.TotalSeconds:0} s");
            }
        }
    }
}
