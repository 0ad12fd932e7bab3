using MedImaging.Aws.Hosting;
using MedImaging.Silo.Runtime;
using MedImaging.Silo.Telemetry;
using MedImaging.Silo.Timers;

namespace MedImaging.Silo.Extensions;

public static class Extensions
{
    /// <summary>The grain runtime: study table and queue, the dispatcher, the queue consumer, the quiet-period timer and the timer-queue forwarder.</summary>
    public static void AddGrainRuntime(this IHostApplicationBuilder builder)
    {
        builder.AddStudyStore();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<GrainRuntimeOptions>().BindConfiguration(GrainRuntimeOptions.SectionName);
        builder.Services.AddSingleton<StudyGrainDispatcher>();
        builder.Services.AddHostedService<StudyQueueConsumer>();
        builder.Services.AddHostedService<QuietPeriodSweeper>();
        builder.Services.AddSingleton<SiloTelemetry>();
        builder.Services.AddHostedService<StudyTimerForwarder>();
    }
}
