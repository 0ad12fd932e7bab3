using MedImaging.Aws.StudyQueue;

namespace MedImaging.Silo.Timers;

internal static partial class TimerLog
{
    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Study {StudyRef}: quiet period elapsed; finalize sent")]
    public static partial void QuietPeriodElapsed(ILogger logger, string studyRef);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "Quiet-period sweep failed; retrying at the next interval")]
    public static partial void SweepFailed(ILogger logger, Exception error);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Information, Message = "Timer forwarder consuming the timer queue")]
    public static partial void ForwarderStarted(ILogger logger);

    [LoggerMessage(EventId = 2204, Level = LogLevel.Warning, Message = "Receiving from the timer queue failed")]
    public static partial void TimerReceiveFailed(ILogger logger, Exception error);

    [LoggerMessage(EventId = 2205, Level = LogLevel.Warning, Message = "Forwarding timer message {MessageId} failed; it comes back after its visibility timeout")]
    public static partial void ForwardFailed(ILogger logger, string messageId, Exception error);

    [LoggerMessage(EventId = 2206, Level = LogLevel.Debug, Message = "Timer message {MessageId}: {Outcome}")]
    public static partial void TimerHandled(ILogger logger, string messageId, TimerOutcome outcome);
}
