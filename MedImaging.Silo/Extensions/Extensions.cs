using MedImaging.Aws.Dynamo;
using MedImaging.Aws.Hosting;
using MedImaging.Aws.StudyQueue;
using MedImaging.Pipeline;
using MedImaging.Pipeline.Storage;
using MedImaging.Silo.Instances;
using MedImaging.Silo.Publishing;
using MedImaging.Silo.Runtime;
using MedImaging.Silo.Storage;
using MedImaging.Silo.Telemetry;
using MedImaging.Silo.Timers;
using Microsoft.Extensions.Options;

namespace MedImaging.Silo.Extensions;

public static class Extensions
{
    /// <summary>The grain runtime: study table and queue, the dispatcher, the queue consumer, the quiet-period timer and the timer-queue forwarder.</summary>
    public static void AddGrainRuntime(this IHostApplicationBuilder builder)
    {
        builder.AddStudyStore();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<GrainRuntimeOptions>().BindConfiguration(GrainRuntimeOptions.SectionName);
        // No more of this silo's saves can be on their way than it has studies at a time.
        builder.Services.AddSingleton(services => new StudyWriteBatching
        {
            EnoughStudies = Math.Max(1, services.GetRequiredService<IOptions<GrainRuntimeOptions>>().Value.MaxConcurrentStudies),
        });
        builder.Services.AddSingleton(new StudyStateCache());
        builder.Services.AddSingleton<StudyGrainDispatcher>();
        builder.Services.AddSingleton(services => new StudyMessageDeleter(
            services.GetRequiredService<IStudyQueue>(),
            services.GetRequiredService<IOptions<GrainRuntimeOptions>>().Value.DeleteLinger,
            services.GetRequiredService<TimeProvider>()));
        builder.Services.AddHostedService<StudyQueueConsumer>();
        builder.Services.AddHostedService<QuietPeriodSweeper>();
        builder.Services.AddSingleton<SiloTelemetry>();
        builder.Services.AddHostedService<StudyTimerForwarder>();
        builder.Services.AddSingleton<DeadLetters.DeadLetterRedrive>();
        builder.Services.AddSingleton<Monitoring.PipelineAlarmMonitor>();
        builder.Services.AddHostedService(services => services.GetRequiredService<Monitoring.PipelineAlarmMonitor>());
        // Not tagged "live": a degraded pipeline still serves; the dashboard shows why.
        builder.Services.AddHealthChecks().AddCheck<Monitoring.PipelineAlarmsHealthCheck>("pipeline-alarms");
    }

    /// <summary>
    /// What the study grain runs: the instance pipeline over S3 (section <c>MedImaging:Pipeline</c>, buckets from
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
