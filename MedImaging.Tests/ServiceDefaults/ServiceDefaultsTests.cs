using System.Net;
using MedImaging.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace MedImaging.Tests.ServiceDefaults;

public sealed class ServiceDefaultsTests
{
    private static readonly System.Diagnostics.ActivitySource SiloSource = new(MedImagingTelemetry.SiloName);
    private static readonly System.Diagnostics.ActivitySource PipelineSource = new(MedImagingTelemetry.PipelineName);
    private static readonly System.Diagnostics.Metrics.Counter<long> SiloTurns =
        new System.Diagnostics.Metrics.Meter(MedImagingTelemetry.SiloName).CreateCounter<long>("medimaging.test.silo.turns");
    private static readonly System.Diagnostics.Metrics.Counter<long> PipelineSteps =
        new System.Diagnostics.Metrics.Meter(MedImagingTelemetry.PipelineName).CreateCounter<long>("medimaging.test.pipeline.steps");

    [Fact]
    public async Task Health_reports_failing_dependencies_while_alive_stays_up()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        builder.Services.AddHealthChecks().AddCheck("queue", () => HealthCheckResult.Unhealthy("queue unreachable"));
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = AddressOf(app) };

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/alive")).StatusCode);
        await app.StopAsync();
    }

    [Fact]
    public async Task Health_says_which_check_is_degraded_and_why()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        builder.Services.AddHealthChecks().AddCheck("pipeline-alarms", () => HealthCheckResult.Degraded("3 dead-lettered study message(s)"));
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = AddressOf(app) };

        using var response = await http.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Degraded\npipeline-alarms: Degraded 3 dead-lettered study message(s)", await response.Content.ReadAsStringAsync());
        await app.StopAsync();
    }

    [Fact]
    public async Task Health_probes_write_no_information_log_lines_while_other_requests_are_traced()
    {
        var logged = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        builder.Logging.AddProvider(new RecordingLoggerProvider(logged));
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = AddressOf(app) };
        logged.Clear();

        for (var i = 0; i < 5; i++)
        {
            (await http.GetAsync("/health")).EnsureSuccessStatusCode();
            (await http.GetAsync("/alive")).EnsureSuccessStatusCode();
        }

        Assert.Empty(logged);
        await app.StopAsync();
    }

    [Fact]
    public async Task Spans_metrics_and_logs_are_exported_over_otlp_when_an_endpoint_is_set()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.BaseAddress.ToString();
        builder.Configuration["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        builder.Configuration["OTEL_SERVICE_NAME"] = "defaults-under-test";
        builder.AddServiceDefaults();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGet("/work", (ILogger<ServiceDefaultsTests> logger) =>
        {
            using var activity = MedImagingTelemetry.ActivitySource.StartActivity("unit-of-work");
            using (SiloSource.StartActivity("silo-turn-under-test"))
            using (PipelineSource.StartActivity("pipeline step-under-test"))
            {
                SiloTurns.Add(1);
                PipelineSteps.Add(1);
            }
            logger.LogInformation("did the unit of work");
            return "done";
        });
        await app.StartAsync();
        using (var http = new HttpClient { BaseAddress = AddressOf(app) })
        {
            Assert.Equal("done", await http.GetStringAsync("/work"));
        }

        await app.StopAsync();
        await app.DisposeAsync(); // flushes the exporters

        Assert.True(receiver.Received("/v1/traces", "unit-of-work"), "our span was not exported");
        Assert.True(receiver.Received("/v1/traces", "defaults-under-test"), "the service name was not exported");
        Assert.True(receiver.Received("/v1/traces", "Microsoft.AspNetCore"), "the ASP.NET Core request span was not exported");
        var spans = receiver.Spans();
        var work = Assert.Single(spans, s => s.Name == "unit-of-work");
        Assert.Equal(work.TraceId, Assert.Single(spans, s => s.Name == "silo-turn-under-test" && s.Scope == "MedImaging.Silo").TraceId);
        Assert.Equal(work.TraceId, Assert.Single(spans, s => s.Name == "pipeline step-under-test" && s.Scope == "MedImaging.Pipeline").TraceId);
        Assert.True(receiver.Received("/v1/metrics", "medimaging.test.silo.turns"), "the MedImaging.Silo meter was not exported");
        Assert.True(receiver.Received("/v1/metrics", "medimaging.test.pipeline.steps"), "the MedImaging.Pipeline meter was not exported");
        Assert.True(receiver.Received("/v1/logs", "did the unit of work"), "the log record was not exported");
        Assert.True(receiver.Received("/v1/metrics", "http.server.request.duration"), "ASP.NET Core metrics were not exported");
    }

    private static Uri AddressOf(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>Records every log line at Information or above, as the console would print it.</summary>
    private sealed class RecordingLoggerProvider(System.Collections.Concurrent.ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, lines);

        public void Dispose() { }

        private sealed class Recorder(string category, System.Collections.Concurrent.ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel)) lines.Enqueue($"{category}: {formatter(state, exception)}");
            }
        }
    }
}
