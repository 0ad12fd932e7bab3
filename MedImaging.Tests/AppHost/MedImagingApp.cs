using Microsoft.Extensions.DependencyInjection;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using MedImaging.AppHost.Hosting;
using MedImaging.Aws.Configuration;
using MedImaging.Aws.Provisioning;
using MedImaging.Tests.ServiceDefaults;

namespace MedImaging.Tests.AppHost;

/// <summary>
/// The real AppHost run by Aspire's testing builder (random ports, no dashboard): emulators, the CDK stack provisioned
/// into them, the Silo and the Api. Every service exports its telemetry to <see cref="Telemetry"/>.
/// </summary>
public sealed class MedImagingApp : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private MedImagingApp(DistributedApplication app, OtlpReceiver telemetry)
    {
        App = app;
        Telemetry = telemetry;
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        var stack = model.Resources.OfType<AwsCdkStackResource>().Single();
        var emulators = stack.Emulators ?? throw new InvalidOperationException("the test app runs on the emulators");
        AwsOptions = new AwsOptions
        {
            Region = stack.Region,
            ServiceUrl = new AwsServiceUrls { DynamoDb = emulators.DynamoDbUrl, S3 = emulators.FauxqsUrl, Sqs = emulators.FauxqsUrl, Sns = emulators.FauxqsUrl },
        };
        ResourceNames = ResourceNamesFromOutputs.Create(stack.Outputs);
        ApiBaseUrl = app.GetEndpoint("api", "http");
    }

    public DistributedApplication App { get; }

    /// <summary>Every log record, span and metric the services exported.</summary>
    internal OtlpReceiver Telemetry { get; }

    public Uri ApiBaseUrl { get; }

    /// <summary>Client settings that reach the same emulators the services use.</summary>
    public AwsOptions AwsOptions { get; }

    /// <summary>The stack's resources as provisioned into the emulators.</summary>
    public ResourceNames ResourceNames { get; }

    public static async Task<MedImagingApp> StartAsync(params string[] arguments)
    {
        var telemetry = await OtlpReceiver.StartAsync();
        try
        {
            using var timeout = new CancellationTokenSource(StartTimeout);
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.MedImaging_AppHost>(arguments, timeout.Token);
            // The testing builder runs no dashboard: the services export to this test's OTLP receiver instead.
            foreach (var project in builder.Resources.OfType<ProjectResource>())
            {
                project.Annotations.Add(new EnvironmentCallbackAnnotation(context =>
                {
                    context.EnvironmentVariables["OTEL_EXPORTER_OTLP_ENDPOINT"] = telemetry.BaseAddress.ToString().TrimEnd('/');
                    context.EnvironmentVariables["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
                    context.EnvironmentVariables["OTEL_SERVICE_NAME"] = project.Name;
                    context.EnvironmentVariables["OTEL_BSP_SCHEDULE_DELAY"] = "500";
                    context.EnvironmentVariables["OTEL_BLRP_SCHEDULE_DELAY"] = "500";
                    context.EnvironmentVariables["OTEL_METRIC_EXPORT_INTERVAL"] = "1000";
                }));
            }
            var app = await builder.BuildAsync(timeout.Token);
            try
            {
                await app.StartAsync(timeout.Token);
                await app.ResourceNotifications.WaitForResourceHealthyAsync("api", timeout.Token);
                await app.ResourceNotifications.WaitForResourceHealthyAsync("silo", timeout.Token);
                return new MedImagingApp(app, telemetry);
            }
            catch
            {
                await app.DisposeAsync();
                throw;
            }
        }
        catch
        {
            await telemetry.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await Telemetry.DisposeAsync();
    }
}
