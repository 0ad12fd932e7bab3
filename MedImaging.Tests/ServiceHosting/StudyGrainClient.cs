using MedImaging.Studies;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Serialization;

namespace MedImaging.Tests.ServiceHosting;

/// <summary>
/// An Orleans client in the test process, configured as the Api's is (the same <c>Orleans__*</c> variables): it calls
/// study grains on the silos under test, the way the Api and the Silo's ingest consumer do.
/// </summary>
public sealed class StudyGrainClient : IAsyncDisposable
{
    private readonly IHost _host;

    private StudyGrainClient(IHost host) => _host = host;

    public IClusterClient Cluster => _host.Services.GetRequiredService<IClusterClient>();

    public static async Task<StudyGrainClient> ConnectAsync(IReadOnlyDictionary<string, string> environment)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(environment.Select(v => new KeyValuePair<string, string?>(v.Key.Replace("__", ":", StringComparison.Ordinal), v.Value)));
        builder.UseOrleansClient(client => client.Services.AddSerializer(serializer => serializer.AddStudyRecords()));
        var host = builder.Build();
        await host.StartAsync();
        return new StudyGrainClient(host);
    }

    public IStudyGrain Study(string studyKey) => Cluster.GetGrain<IStudyGrain>(studyKey);

    /// <summary>What the Api does with an accepted instance or a finalize request.</summary>
    public Task SendAsync(StudyMessage message) => message switch
    {
        InstanceReceived received => Study(received.StudyKey).Receive([received]),
        FinalizeStudy finalize => Study(finalize.StudyKey).Finalize(finalize),
        _ => throw new ArgumentException($"The Api sends no {message.GetType().Name}.", nameof(message)),
    };

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
