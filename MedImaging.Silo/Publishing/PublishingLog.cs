namespace MedImaging.Silo.Publishing;

internal static partial class PublishingLog
{
    [LoggerMessage(EventId = 2301, Level = LogLevel.Information, Message = "Study {StudyRef}: notification published on attempt {Attempt}")]
    public static partial void NotificationPublished(ILogger logger, string studyRef, int attempt);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Information, Message = "Study {StudyRef}: webhook delivered on attempt {Attempt}")]
    public static partial void WebhookDelivered(ILogger logger, string studyRef, int attempt);

    [LoggerMessage(EventId = 2303, Level = LogLevel.Warning, Message = "Study {StudyRef}: webhook attempt {Attempt} failed; retrying in {DelaySeconds} s")]
    public static partial void WebhookRetryScheduled(ILogger logger, string studyRef, int attempt, int delaySeconds);

    [LoggerMessage(EventId = 2304, Level = LogLevel.Error, Message = "Study {StudyRef}: webhook abandoned after attempt {Attempt} ({Code})")]
    public static partial void WebhookAbandoned(ILogger logger, string studyRef, int attempt, string? code);

    [LoggerMessage(EventId = 2305, Level = LogLevel.Warning, Message = "Study {StudyRef}: notification attempt {Attempt} failed ({Code}); retrying in {DelaySeconds} s")]
    public static partial void NotificationRetryScheduled(ILogger logger, string studyRef, int attempt, string code, int delaySeconds);

    [LoggerMessage(EventId = 2306, Level = LogLevel.Error, Message = "Study {StudyRef}: notification abandoned after attempt {Attempt} ({Code})")]
    public static partial void NotificationAbandoned(ILogger logger, string studyRef, int attempt, string code);

    [LoggerMessage(EventId = 2307, Level = LogLevel.Information, Message = "Study {StudyRef}: report written on attempt {Attempt}")]
    public static partial void ReportWritten(ILogger logger, string studyRef, int attempt);

    [LoggerMessage(EventId = 2308, Level = LogLevel.Warning, Message = "Study {StudyRef}: report attempt {Attempt} failed ({Code}); retrying in {DelaySeconds} s")]
    public static partial void ReportRetryScheduled(ILogger logger, string studyRef, int attempt, string code, int delaySeconds);

    [LoggerMessage(EventId = 2309, Level = LogLevel.Error, Message = "Study {StudyRef}: report abandoned after attempt {Attempt} ({Code}); notifying without it")]
    public static partial void ReportAbandoned(ILogger logger, string studyRef, int attempt, string code);
}
