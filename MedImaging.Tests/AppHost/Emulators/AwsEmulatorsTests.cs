using System.Net;
using System.Net.Sockets;
using MedImaging.AppHost.Emulators;
using MedImaging.AppHost.Hosting;

namespace MedImaging.Tests.AppHost.Emulators;

public sealed class AwsEmulatorsTests
{
    [Theory]
    [InlineData(EmulatorTuning.FastStart)]
    [InlineData(EmulatorTuning.Throughput)]
    public async Task Emulators_start_on_loopback_and_leave_no_process_after_dispose(EmulatorTuning tuning)
    {
        IReadOnlyList<int> processIds;
        await using (var emulators = await AwsEmulators.StartAsync(new EmulatorOptions { Tuning = tuning }))
        {
            Assert.Equal("127.0.0.1", emulators.FauxqsUrl.Host);
            Assert.Equal("127.0.0.1", emulators.DynamoDbUrl.Host);
            using var http = new HttpClient();
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(emulators.FauxqsUrl, "/health"))).StatusCode);
            processIds = [.. emulators.Processes.SelectMany(p => p.ProcessTree())];
            Assert.NotEmpty(processIds);
            var java = processIds.Select(CommandLine).Single(arguments => arguments.FirstOrDefault() == "java");
            Assert.Equal(tuning == EmulatorTuning.FastStart, java.Contains("-XX:TieredStopAtLevel=1"));
            using var dynamo = new Amazon.DynamoDBv2.AmazonDynamoDBClient(
                new Amazon.Runtime.BasicAWSCredentials("test", "test"),
                new Amazon.DynamoDBv2.AmazonDynamoDBConfig { ServiceURL = emulators.DynamoDbUrl.ToString() });
            Assert.NotNull((await dynamo.ListTablesAsync()).TableNames);
        }

        Assert.All(processIds, pid => Assert.False(ProcessTreeReader.IsAlive(pid), $"process {pid} outlived the emulators"));
    }

    private static string[] CommandLine(int processId) =>
        File.Exists($"/proc/{processId}/cmdline") ? File.ReadAllText($"/proc/{processId}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries) : [];

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
