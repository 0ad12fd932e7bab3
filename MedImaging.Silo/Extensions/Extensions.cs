using System.Net;
using MedImaging.Aws.Hosting;
using MedImaging.Pipeline;
using MedImaging.Pipeline.Storage;
using MedImaging.Silo.DeadLetters;
using MedImaging.Silo.Grains;
using MedImaging.Silo.Ingest;
using MedImaging.Silo.Instances;
using MedImaging.Silo.Monitoring;
using MedImaging.Silo.Publishing;
using MedImaging.Silo.Storage;
using MedImaging.Silo.Telemetry;
using MedImaging.Silo.Workers;
using MedImaging.Studies;
using Orleans.Configuration;
using Orleans.Serialization;

namespace MedImaging.Silo.Extensions;

public static class Extensions
{
    /// <summary>
    /// The Orleans silo hosting the study and worker grains. Clustering, reminders and the cluster's ids come from
    /// configuration (<c>Orleans:*</c>, set by Aspire.Hosting.Orleans; the DynamoDB providers are MedImaging.Orleans.DynamoDB's).
    /// </summary>
    public static void AddStudySilo(this IHostApplicationBuilder builder)
    {
        builder.AddStudyStore();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<StudyGrainOptions>().BindConfiguration(StudyGrainOptions.SectionName);
        var grainOptions = builder.Configuration.GetSection(StudyGrainOptions.SectionName).Get<StudyGrainOptions>() ?? new StudyGrainOptions();
        builder.UseOrleans(silo =>
        {
            silo.Services.AddSerializer(serializer => serializer.AddStudyRecords());
            silo.AddActivityPropagation();
            // One vote declares a silo dead (Orleans asks two): with two silos, the survivor of a crash is the only voter,
            // and the dead one's grains and reminders would wait for its table entry to go stale (minutes).
            silo.Configure<ClusterMembershipOptions>(options => options.NumVotesForDeathDeclaration = 1);
            silo.Configure<ReminderOptions>(options =>
            {
                if (grainOptions.ReminderPeriod < options.MinimumReminderPeriod) options.MinimumReminderPeriod = grainOptions.ReminderPeriod;
            });
            // Advertised on loopback (the local stack): listen there too, never on every interface.
            silo.Services.PostConfigure<EndpointOptions>(options =>
            {
                if (options.AdvertisedIPAddress is { } address && IPAddress.IsLoopback(address))
                {
                    options.SiloListeningEndpoint ??= new IPEndPoint(address, options.SiloPort);
                    options.GatewayListeningEndpoint ??= new IPEndPoint(address, options.GatewayPort);
                }
            });
        });
        builder.Services.AddSingleton<SiloTelemetry>();
        builder.Services.AddSingleton<WorkerSlots>();
        builder.Services.AddSingleton<DeadLetterQueue>();
        builder.Services.AddSingleton<DeadLetterRedrive>();
        builder.Services.AddSingleton<DroppedObjectReader>();
        builder.Services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.SectionName);
        builder.Services.AddHostedService<IngestQueueConsumer>();
        builder.Services.AddSingleton<PipelineAlarmMonitor>();
        builder.Services.AddHostedService(services => services.GetRequiredService<PipelineAlarmMonitor>());
        // Not tagged "live": a degraded pipeline still serves; the dashboard shows why.
        builder.Services.AddHealthChecks().AddCheck<PipelineAlarmsHealthCheck>("pipeline-alarms");
    }

    /// <summary>
    /// What the grains run: the instance pipeline over S3 (section <c>MedImaging:Pipeline</c>, buckets from
    /// <c>AWS:Resources</c>) and the study publisher with its SNS notification and webhook.
    /// </summary>
    public static void AddStudyPipeline(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IObjectStore, S3ObjectStore>();
        builder.Services.AddMedImagingPipeline(builder.Configuration);
        builder.Services.AddSingleton<InstanceRunner>();
        builder.Services.AddSingleton(builder.Configuration.GetSection(NotificationOptions.SectionName).Get<NotificationOptions>() ?? new NotificationOptions());
        builder.Services.AddSingleton(builder.Configuration.GetSection(ReportOptions.SectionName).Get<ReportOptions>() ?? new ReportOptions());
        builder.Services.AddSingleton<StudyNotifier>();
    }
}
