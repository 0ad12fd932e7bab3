namespace MedImaging.Silo.Timers;

internal static partial class TimerLog
{
    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Study {StudyRef}: quiet period elapsed; finalize sent")]
    public static partial void QuietPeriodElapsed(ILogger logger, string studyRef);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "Quiet-period sweep failed; retrying at the next interval")]
    public static partial void SweepFailed(ILogger logger, Exception error);
}
