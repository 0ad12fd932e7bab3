using MedImaging.AppHost.Hosting;
using MedImaging.Aws.Configuration;

namespace MedImaging.AppHost.Emulators;

/// <summary>
/// DynamoDB Local and fauxqs running as child processes on 127.0.0.1, ready to use; disposing stops both.
/// Usable on its own from tests: <c>await using var emulators = await AwsEmulators.StartAsync(new());</c>
/// </summary>
public sealed class AwsEmulators : IAsyncDisposable
{
    private AwsEmulators(ChildProcess dynamoDb, ChildProcess fauxqs, int dynamoDbPort, int fauxqsPort, string region)
    {
        DynamoDb = dynamoDb;
        FauxqsProcess = fauxqs;
        DynamoDbUrl = new Uri($"http://127.0.0.1:{dynamoDbPort}");
        FauxqsUrl = new Uri($"http://127.0.0.1:{fauxqsPort}");
        Region = region;
    }

    public ChildProcess DynamoDb { get; }

    public ChildProcess FauxqsProcess { get; }

    public Uri DynamoDbUrl { get; }

    /// <summary>S3, SQS and SNS share this endpoint.</summary>
    public Uri FauxqsUrl { get; }

    public string Region { get; }

    public IReadOnlyList<ChildProcess> Processes => [DynamoDb, FauxqsProcess];

    /// <summary>The client settings pointing every service at its emulator.</summary>
    public AwsOptions AwsOptions => new()
    {
        Region = Region,
        ServiceUrl = new AwsServiceUrls
        {
            DynamoDb = DynamoDbUrl.ToString().TrimEnd('/'),
            S3 = FauxqsUrl.ToString().TrimEnd('/'),
            Sqs = FauxqsUrl.ToString().TrimEnd('/'),
            Sns = FauxqsUrl.ToString().TrimEnd('/'),
        },
    };

    public static async Task<AwsEmulators> StartAsync(
        EmulatorOptions options, IChildOutputSink? sink = null, RepositoryLayout? layout = null, CancellationToken cancellationToken = default)
    {
        layout ??= RepositoryLayout.Discover();
        sink ??= NullOutputSink.Instance;
        var dynamoDbPort = ChoosePort(DynamoDbLocal.ResourceName, options.DynamoDbPort, allInterfaces: true);
        var fauxqsPort = ChoosePort(Fauxqs.ResourceName, options.FauxqsPort, allInterfaces: false);
        var started = new List<ChildProcess>();
        try
        {
            var dynamoDb = ChildProcess.Start(DynamoDbLocal.Spec(layout, dynamoDbPort, options.Tuning), sink);
            started.Add(dynamoDb);
            var fauxqs = ChildProcess.Start(Fauxqs.Spec(layout, fauxqsPort), sink);
            started.Add(fauxqs);
            var emulators = new AwsEmulators(dynamoDb, fauxqs, dynamoDbPort, fauxqsPort, options.Region);
            await FailFast.WhenAllAsync(
            [
                token => Readiness.WaitForHttpAsync(dynamoDb, emulators.DynamoDbUrl, options.StartTimeout, requireSuccess: false, token),
                token => Readiness.WaitForHttpAsync(fauxqs, new Uri(emulators.FauxqsUrl, "/health"), options.StartTimeout, requireSuccess: true, token),
            ], cancellationToken);
            return emulators;
        }
        catch
        {
            await Task.WhenAll(started.Select(child => child.DisposeAsync().AsTask()));
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(DynamoDb.DisposeAsync().AsTask(), FauxqsProcess.DisposeAsync().AsTask());
    }

    private static int ChoosePort(string resource, int requested, bool allInterfaces)
    {
        if (requested == 0)
        {
            return Ports.PickFree();
        }
        Ports.EnsureFree(resource, requested, allInterfaces);
        return requested;
    }
}
