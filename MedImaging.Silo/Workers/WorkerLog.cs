namespace MedImaging.Silo.Workers;

internal static partial class WorkerLog
{
    [LoggerMessage(EventId = 2401, Level = LogLevel.Debug, Message = "Study {StudyRef}: an instance ran on this silo in {ElapsedMs} ms")]
    public static partial void InstanceRan(ILogger logger, string studyRef, long elapsedMs);
}
