namespace MedImaging.Silo.Grains;

// Studies appear by their log reference only: a StudyInstanceUID identifies a patient's study.
internal static partial class StudyGrainLog
{
    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Study {StudyRef}: instance recorded as {InstanceStatus}; {InstanceCount} instance(s)")]
    public static partial void InstanceRecorded(ILogger logger, string studyRef, string instanceStatus, int instanceCount);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Study {StudyRef}: same instance received again; nothing to do")]
    public static partial void DuplicateInstance(ILogger logger, string studyRef);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Study {StudyRef}: an instance was received again with different content")]
    public static partial void InstanceConflict(ILogger logger, string studyRef);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Information, Message = "Study {StudyRef} {Status} with {InstanceCount} instance(s)")]
    public static partial void StudyFinished(ILogger logger, string studyRef, string status, int instanceCount);
}
