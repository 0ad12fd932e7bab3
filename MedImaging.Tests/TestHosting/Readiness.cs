using System.Diagnostics;

namespace MedImaging.Tests.TestHosting;

/// <summary>Waits until a child's HTTP endpoint answers, failing fast when the child exits and never waiting forever.</summary>
public static class Readiness
{
    private static readonly HttpClient Probe = new(new SocketsHttpHandler { AllowAutoRedirect = false })
    {
        Timeout = TimeSpan.FromSeconds(2),
    };

    /// <summary>Ready when <paramref name="url"/> answers with any HTTP status (or <paramref name="requireSuccess"/>: a 2xx).</summary>
    public static async Task WaitForHttpAsync(ChildProcess child, Uri url, TimeSpan timeout, bool requireSuccess, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        string lastProblem = "no answer yet";
        while (clock.Elapsed < timeout)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (child.HasExited)
            {
                throw new ResourceStartException(child.Name,
                    $"exited with code {child.ExitCode} before it was ready. Last output:{Environment.NewLine}{child.RecentOutput()}");
            }
            try
            {
                using var response = await Probe.GetAsync(url, cancellationToken);
                if (!requireSuccess || response.IsSuccessStatusCode)
                {
                    return;
                }
                lastProblem = $"{url} answered {(int)response.StatusCode}";
            }
            catch (HttpRequestException error)
            {
                lastProblem = error.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                lastProblem = "probe timed out";
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
        throw new ResourceStartException(child.Name,
            $"not ready after {timeout.TotalSeconds:0} s ({lastProblem}). Last output:{Environment.NewLine}{child.RecentOutput()}");
    }
}
