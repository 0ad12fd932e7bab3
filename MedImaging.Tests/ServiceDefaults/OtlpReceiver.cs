using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MedImaging.Tests.ServiceDefaults;

/// <summary>A real OTLP/HTTP endpoint on 127.0.0.1 that records each export request's path and protobuf body.</summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication app;

    private OtlpReceiver(WebApplication app) => this.app = app;

    public ConcurrentQueue<(string Path, byte[] Body)> Exports { get; } = new();

    public Uri BaseAddress => new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/{signal}", async (HttpRequest request, string signal) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            receiver.Exports.Enqueue(("/v1/" + signal, buffer.ToArray()));
            return Results.Bytes([], "application/x-protobuf");
        });
        await app.StartAsync();
        return receiver;
    }

    public bool Received(string path, string text) =>
        Exports.Any(e => e.Path == path && System.Text.Encoding.UTF8.GetString(e.Body).Contains(text, StringComparison.Ordinal));

    /// <summary>Every span received so far.</summary>
    public IReadOnlyList<OtlpSpan> Spans() =>
        Exports.Where(e => e.Path == "/v1/traces").SelectMany(e => OtlpTraceReader.Read(e.Body)).ToList();

    /// <summary>Every histogram data point received so far, oldest first.</summary>
    public IReadOnlyList<OtlpHistogramPoint> Histograms() =>
        Exports.Where(e => e.Path == "/v1/metrics").SelectMany(e => OtlpMetricReader.Histograms(e.Body)).ToList();

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
