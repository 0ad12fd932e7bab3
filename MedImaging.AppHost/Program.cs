using System.Runtime.InteropServices;
using MedImaging.AppHost;
using MedImaging.AppHost.Hosting;
using MedImaging.AppHost.Orchestration;
using MedImaging.AppHost.Provisioning;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

if (args is ["synth", .. var synthArguments])
{
    // Prints the CloudFormation template; --no-cache synthesizes here (the AppHost runs this as its synthesis child).
    var layout = RepositoryLayout.Discover();
    var prefixAt = Array.IndexOf(synthArguments, "--prefix");
    var props = prefixAt >= 0 && prefixAt + 1 < synthArguments.Length
        ? new MedImaging.Infrastructure.MedImagingStackProps { ResourcePrefix = synthArguments[prefixAt + 1] }
        : null;
    Console.WriteLine(synthArguments.Contains("--no-cache") || props is not null
        ? TemplateCache.SynthesizeHere(layout, props)
        : await new TemplateCache(layout).GetOrSynthesizeAsync(CancellationToken.None));
    return 0;
}

var configuration = new ConfigurationBuilder()
    .SetBasePath(AppContext.BaseDirectory)
    .AddJsonFile("appsettings.json", optional: true)
    .AddEnvironmentVariables()
    .Build();
using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(console =>
{
    console.SingleLine = true;
    console.TimestampFormat = "HH:mm:ss ";
}));
var logger = loggerFactory.CreateLogger("apphost");

AppHostOptions options;
try
{
    options = AppHostOptions.From(args, configuration);
}
catch (ArgumentException error)
{
    Console.Error.WriteLine($"error: {error.Message}");
    return 2;
}

using var shutdown = new CancellationTokenSource();
void RequestShutdown(PosixSignalContext context)
{
    context.Cancel = true; // we stop the children ourselves, then exit
    shutdown.Cancel();
}
using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, RequestShutdown);
using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, RequestShutdown);

await using var app = new DistributedApplication(options, new ConsoleOutputSink(), logger);
try
{
    await app.StartAsync(shutdown.Token);
}
catch (ResourceStartException error)
{
    logger.StartFailed(error.Message);
    Console.Error.WriteLine($"error: {error.Message}");
    return 1;
}
catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
{
    return 130;
}

Console.WriteLine();
Console.WriteLine(ResourceTable.Format(app.Resources));
Console.WriteLine($"Api:       {app.ApiBaseUrl}");
Console.WriteLine($"Health:    {new Uri(app.ApiBaseUrl, "/health")}");
Console.WriteLine($"Web page:  {new Uri(app.ApiBaseUrl, "/")}");
Console.WriteLine($"Ready in {app.StartDuration.TotalSeconds:0.0} s (template cache {(app.TemplateCacheWasWarm ? "warm" : "cold")}). Ctrl+C stops everything.");
if (options.StopWhenReady)
{
    return 0;
}

var signalled = Task.Delay(Timeout.Infinite, shutdown.Token).ContinueWith(_ => { }, TaskScheduler.Default);
var stopped = await Task.WhenAny(app.UnexpectedExit, signalled);
await app.StopAsync();
return stopped == app.UnexpectedExit ? 1 : 0;
