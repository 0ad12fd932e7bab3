namespace MedImaging.Silo.Ingest;

// Object keys may hold patient names: they are never logged.
internal static partial class IngestLog
{
    [LoggerMessage(EventId = 2301, Level = LogLevel.Information, Message = "An object put into the ingest bucket went to study {StudyRef}")]
    public static partial void ObjectIngested(ILogger logger, string studyRef);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Warning, Message = "An object put into the ingest bucket is neither DICOM, JPEG nor PNG; its event is dead-lettered")]
    public static partial void ObjectUnsupported(ILogger logger);

    [LoggerMessage(EventId = 2303, Level = LogLevel.Warning, Message = "An ingest event could not be handled ({ErrorType}) on receive {Receives}")]
    public static partial void EventFailed(ILogger logger, string errorType, int receives, Exception error);

    [LoggerMessage(EventId = 2304, Level = LogLevel.Warning, Message = "Receiving ingest events failed ({ErrorType}); trying again")]
    public static partial void ReceiveFailed(ILogger logger, string errorType, Exception error);
}
