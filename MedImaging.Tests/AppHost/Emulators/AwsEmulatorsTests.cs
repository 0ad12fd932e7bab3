using System.Net;
using System.Net.Sockets;
using MedImaging.AppHost.Emulators;
using MedImaging.AppHost.Hosting;

namespace MedImaging.Tests.AppHost.Emulators;

public sealed class AwsEmulatorsTests
{
    [Fact]
    public async Task Emulators_start_on_loopback_and_leave_no_process_after_dispose()
    {
        IReadOnlyList<int> processIds;
        await using (var emulators = await AwsEmulators.StartAsync(new EmulatorOptions()))
        {
            Assert.Equal("127.0.0.1", emulators.FauxqsUrl.Host);
            Assert.Equal("127.0.0.1", emulators.DynamoDbUrl.Host);
            using var http = new HttpClient();
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(emulators.FauxqsUrl, "/health"))).StatusCode);
            processIds = [.. emulators.Processes.SelectMany(p => p.ProcessTree())];
            Assert.NotEmpty(processIds);
        }

        Assert.All(processIds, pid => Assert.False(ProcessTreeReader.IsAlive(pid), $"process {pid} outlived the emulators"));
    }

    [Fact]
    public async Task Taken_port_is_reported_before_anything_starts()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;

        var error = await Assert.ThrowsAsync<PortInUseException>(() => AwsEmulators.StartAsync(new EmulatorOptions { FauxqsPort = port }));

        Assert.Equal(port, error.Port);
        Assert.Contains($"port {port} is already in use", error.Message);
        Assert.Equal(Fauxqs.ResourceName, error.Resource);
    }
}
