namespace MedImaging.Silo.Grains;

// Studies appear by their log reference only: a StudyInstanceUID identifies a patient's study.
internal static partial class StudyGrainLog
{
    [LoggerMessage(EventId = 2101, Level = LogLevel.Debug, Message = "Study {StudyRef}: instance recorded as {InstanceStatus}; {InstanceCount} instance(s)")]
    public static partial void InstanceRecorded(ILogger logger, string studyRef, string instanceStatus, int instanceCount);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Study {StudyRef}: same instance received again; nothing to do")]
    public static partial void DuplicateInstance(ILogger logger, string studyRef);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Study {StudyRef}: an instance was received again with different content")]
    public static partial void InstanceConflict(ILogger logger, string studyRef);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Information, Message = "Study {StudyRef} {Status} with {InstanceCount} instance(s)")]
    public static partial void StudyFinished(ILogger logger, string studyRef, string status, int instanceCount);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Warning, Message = "Study {StudyRef}: step {Step} waits for attempt {Attempt} in {DelaySeconds} s")]
    public static partial void RetryScheduled(ILogger logger, string studyRef, string step, int attempt, int delaySeconds);

    [LoggerMessage(EventId = 2106, Level = LogLevel.Error, Message = "Study {StudyRef}: an instance failed ({Code}); it is dead-lettered")]
    public static partial void InstanceFailed(ILogger logger, string studyRef, string code);

    [LoggerMessage(EventId = 2107, Level = LogLevel.Debug, Message = "Study {StudyRef}: {MessageType} has nothing to do")]
    public static partial void NothingDue(ILogger logger, string studyRef, string messageType);

    [LoggerMessage(EventId = 2108, Level = LogLevel.Warning, Message = "Study {StudyRef}: an instance run failed ({ErrorType}), recovery {Recovery}")]
    public static partial void RunFailed(ILogger logger, string studyRef, string errorType, int recovery);

    [LoggerMessage(EventId = 2109, Level = LogLevel.Warning, Message = "Study {StudyRef}: saving the study failed ({ErrorType})")]
    public static partial void SaveFailed(ILogger logger, string studyRef, string errorType, Exception error);
}
