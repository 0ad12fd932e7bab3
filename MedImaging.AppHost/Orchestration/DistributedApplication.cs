using System.Diagnostics;
using MedImaging.AppHost.Emulators;
using MedImaging.AppHost.Hosting;
using MedImaging.AppHost.Provisioning;
using MedImaging.Aws.Configuration;
using MedImaging.Aws.Provisioning;
using MedImaging.Aws.Sns;
using MedImaging.Aws.Sqs;
using Microsoft.Extensions.Logging;

namespace MedImaging.AppHost.Orchestration;

/// <summary>
/// The running system: emulators (local profile), provisioned resources, Silo(s) and Api as child processes.
/// Start with <see cref="StartAsync"/>; dispose (or <see cref="StopAsync"/>) stops every child, emulators included.
/// </summary>
public sealed partial class DistributedApplication : IAsyncDisposable
{
    public const string ApiResource = "api";
    public const string SiloResource = "silo";

    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    private readonly AppHostOptions options;
    private readonly IChildOutputSink sink;
    private readonly ILogger logger;
    private readonly RepositoryLayout layout;
    private readonly List<ResourceState> resources = [];
    private readonly List<ChildProcess> services = [];
    private readonly TaskCompletionSource<ChildProcess> unexpectedExit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private AwsEmulators? emulators;
    private bool stopping;

    public DistributedApplication(AppHostOptions options, IChildOutputSink sink, ILogger logger, RepositoryLayout? layout = null)
    {
        this.options = options;
        this.sink = sink;
        this.logger = logger;
        this.layout = layout ?? RepositoryLayout.Discover();
    }

    public Uri ApiBaseUrl { get; private set; } = null!;

    public IReadOnlyList<Uri> SiloUrls { get; private set; } = [];

    public AwsOptions AwsOptions { get; private set; } = new();

    public ResourceNames ResourceNames { get; private set; } = new();

    public ProvisioningResult? Provisioning { get; private set; }

    public IReadOnlyList<ResourceState> Resources => resources;

    /// <summary>Every child process (emulators, Silo(s), Api).</summary>
    public IReadOnlyList<ChildProcess> Processes => [.. emulators?.Processes ?? [], .. services];

    /// <summary>Completes when a child exits while the app is meant to be running.</summary>
    public Task<ChildProcess> UnexpectedExit => unexpectedExit.Task;

    public TimeSpan StartDuration { get; private set; }

    public bool TemplateCacheWasWarm { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var apiPort = ChoosePort(ApiResource, options.ApiPort);
            var siloPorts = Enumerable.Range(0, options.SiloReplicas)
                .Select(i => ChoosePort(SiloName(i), options.SiloPort == 0 ? 0 : options.SiloPort + i)).ToList();
            if (options.UseRealAws)
            {
                AwsOptions = new AwsOptions { Region = options.Region };
                ResourceNames = await RealAwsResources.ResolveAsync(options, AwsOptions, cancellationToken);
                resources.Add(new ResourceState("aws", "cloud", "deployed", $"{options.StackName} in {options.Region}"));
            }
            else
            {
                await StartEmulatorsAndProvisionAsync(cancellationToken);
            }
            await StartServicesAsync(apiPort, siloPorts, cancellationToken);
            StartDuration = clock.Elapsed;
            logger.AllHealthy(StartDuration.TotalSeconds);
        }
        catch
        {
            await StopAsync();
            throw;
        }
    }

    public async Task StopAsync()
    {
        if (stopping)
        {
            return;
        }
        stopping = true;
        logger.Stopping();
        // Services first (they use the emulators while draining), then the emulators.
        await Task.WhenAll(services.Select(s => s.StopAsync(StopGrace)));
        if (emulators is not null)
        {
            await emulators.DisposeAsync();
        }
        logger.Stopped();
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task StartEmulatorsAndProvisionAsync(CancellationToken cancellationToken)
    {
        // jsii synthesis (cold start only) runs while the emulators boot.
        var cache = new TemplateCache(layout);
        TemplateCacheWasWarm = cache.IsWarm;
        var templateClock = Stopwatch.StartNew();
        var template = cache.GetOrSynthesizeAsync(cancellationToken);
        var warmUp = Task.Run(SdkWarmUp.RunAsync, cancellationToken);
        logger.Starting($"{DynamoDbLocal.ResourceName}, {Fauxqs.ResourceName}");
        try
        {
            emulators = await AwsEmulators.StartAsync(new EmulatorOptions
            {
                DynamoDbPort = options.DynamoDbPort,
                FauxqsPort = options.FauxqsPort,
                Region = options.Region,
                StartTimeout = options.StartTimeout,
                Tuning = options.EmulatorTuning,
            }, sink, layout, cancellationToken);
        }
        finally
        {
            // Never leave the synthesis running unobserved.
            await Task.WhenAll(template, warmUp).ContinueWith(_ => { }, CancellationToken.None);
        }
        Watch(emulators.Processes);
        resources.Add(new ResourceState(DynamoDbLocal.ResourceName, "emulator", "running", emulators.DynamoDbUrl.ToString().TrimEnd('/'), emulators.DynamoDb.Id));
        resources.Add(new ResourceState(Fauxqs.ResourceName, "emulator", "running", emulators.FauxqsUrl.ToString().TrimEnd('/'), emulators.FauxqsProcess.Id));
        AwsOptions = emulators.AwsOptions;

        var templateJson = await template;
        logger.TemplateLoaded(TemplateCacheWasWarm ? "from cache" : "synthesized", cache.TemplatePath, templateClock.ElapsedMilliseconds);
        Provisioning = await ProvisionAsync(CloudFormationTemplate.Parse(templateJson), cancellationToken);
        ResourceNames = Provisioning.ToResourceNames();
        foreach (var resource in Provisioning.Resources.Where(r => r.Outcome != ProvisioningOutcome.Skipped))
        {
            logger.Provisioned(resource.Type, resource.LogicalId, resource.Outcome.ToString(), resource.Reference);
            resources.Add(new ResourceState(
                CdkLogicalIdSuffix().Replace(resource.LogicalId, ""), ShortType(resource.Type), resource.Outcome.ToString().ToLowerInvariant(), resource.Reference));
        }
    }

    private async Task<ProvisioningResult> ProvisionAsync(CloudFormationTemplate template, CancellationToken cancellationToken)
    {
        using var s3 = AwsSdkClients.CreateS3(AwsOptions);
        using var dynamoDb = AwsSdkClients.CreateDynamoDb(AwsOptions);
        using var sqs = SqsClient.Create(AwsOptions);
        using var sns = SnsClient.Create(AwsOptions);
        var provisioner = TemplateProvisioner.Create(s3, dynamoDb, sqs, sns, new ProvisioningEnvironment(AwsOptions.Region));
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.StartTimeout);
            return await provisioner.ProvisionAsync(template, timeout.Token);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new ResourceStartException("provisioning", error.Message, error);
        }
    }

    private async Task StartServicesAsync(int apiPort, IReadOnlyList<int> siloPorts, CancellationToken cancellationToken)
    {
        var starts = new List<Func<CancellationToken, Task>>();
        var siloUrls = new List<Uri>();
        for (var index = 0; index < siloPorts.Count; index++)
        {
            var name = SiloName(index);
            var port = siloPorts[index];
            var url = new Uri($"http://127.0.0.1:{port}");
            siloUrls.Add(url);
            starts.Add(token => StartServiceAsync(name, "MedImaging.Silo", port, url, token));
        }
        ApiBaseUrl = new Uri($"http://127.0.0.1:{apiPort}");
        SiloUrls = siloUrls;
        starts.Add(token => StartServiceAsync(ApiResource, "MedImaging.Api", apiPort, ApiBaseUrl, token));
        await FailFast.WhenAllAsync(starts, cancellationToken);
    }

    private async Task StartServiceAsync(string name, string projectName, int port, Uri url, CancellationToken cancellationToken)
    {
        logger.Starting(name);
        var environment = ServiceEnvironment.For(name, port, AwsOptions, ResourceNames, options);
        var child = ChildProcess.Start(ServiceProject.Spec(layout, name, projectName, environment), sink);
        lock (services)
        {
            services.Add(child);
        }
        await Readiness.WaitForHttpAsync(child, new Uri(url, "/health"), options.StartTimeout, requireSuccess: true, cancellationToken);
        Watch([child]);
        lock (resources)
        {
            resources.Add(new ResourceState(name, "project", "healthy", url.ToString().TrimEnd('/'), child.Id));
        }
        logger.ResourceReady(name, "healthy", url.ToString());
    }

    private void Watch(IEnumerable<ChildProcess> children)
    {
        foreach (var child in children)
        {
            child.Exited.ContinueWith(_ =>
            {
                if (!stopping)
                {
                    logger.ChildExited(child.Name, child.ExitCode);
                    unexpectedExit.TrySetResult(child);
                }
            }, TaskScheduler.Default);
        }
    }

    // "AWS::S3::Bucket" -> "s3-bucket"
    private static string ShortType(string type) => string.Join('-', type.Split("::").Skip(1)).ToLowerInvariant();

    // CDK appends an 8-hex-digit hash to each logical id.
    [System.Text.RegularExpressions.GeneratedRegex("[0-9A-F]{8}$")]
    private static partial System.Text.RegularExpressions.Regex CdkLogicalIdSuffix();

    private static string SiloName(int index) => index == 0 ? SiloResource : $"{SiloResource}-{index + 1}";

    private static int ChoosePort(string resource, int requested)
    {
        if (requested == 0)
        {
            return Ports.PickFree();
        }
        Ports.EnsureFree(resource, requested);
        return requested;
    }
}
