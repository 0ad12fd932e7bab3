using MedImaging.AppHost.Hosting;
using MedImaging.AppHost.Orchestration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MedImaging.AppHost.Testing;

/// <summary>
/// Starts the whole distributed app for a test, the role Aspire.Hosting.Testing plays: every port free, handles to
/// the endpoints (<see cref="DistributedApplication.ApiBaseUrl"/>, <see cref="DistributedApplication.AwsOptions"/>,
/// <see cref="DistributedApplication.ResourceNames"/>), and <c>await using</c> tears everything down.
/// <code>
/// await using var app = await DistributedApplicationTestingBuilder.StartAsync();
/// using var http = new HttpClient { BaseAddress = app.ApiBaseUrl };
/// </code>
/// </summary>
public static class DistributedApplicationTestingBuilder
{
    /// <param name="configure">Adjusts the test options (e.g. <c>o => o with { SiloReplicas = 2 }</c>).</param>
    /// <param name="output">Receives every child's output lines (default: dropped; each child keeps its last lines for errors).</param>
    public static async Task<DistributedApplication> StartAsync(
        Func<AppHostOptions, AppHostOptions>? configure = null,
        IChildOutputSink? output = null,
        ILogger? logger = null,
        CancellationToken cancellationToken = default)
    {
        var options = AppHostOptions.ForTesting();
        if (configure is not null)
        {
            options = configure(options);
        }
        var app = new DistributedApplication(options, output ?? NullOutputSink.Instance, logger ?? NullLogger.Instance);
        await app.StartAsync(cancellationToken); // stops whatever it started when it throws
        return app;
    }
}
