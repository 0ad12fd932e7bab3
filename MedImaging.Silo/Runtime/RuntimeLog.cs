namespace MedImaging.Silo.Runtime;

internal static partial class RuntimeLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Grain runtime consuming the study queue with up to {MaxConcurrentStudies} studies at a time")]
    public static partial void Started(ILogger logger, int maxConcurrentStudies);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Grain runtime stopped")]
    public static partial void Stopped(ILogger logger);

    // Parsed by the two-silo test: keep the shape "turn <type> x<count> for <ref> by <pid> ran <start>..<end> ms".
    [LoggerMessage(EventId = 2003, Level = LogLevel.Debug, Message = "turn {MessageType} x{MessageCount} for {StudyRef} by {ProcessId} ran {StartedMs}..{EndedMs} ms")]
    public static partial void TurnCompleted(ILogger logger, string messageType, int messageCount, string studyRef, int processId, long startedMs, long endedMs);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Study {StudyRef}: state changed concurrently (delivery {Delivery}); the turn will run again")]
    public static partial void TurnConflict(ILogger logger, string studyRef, int delivery);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Study {StudyRef}: turn failed (delivery {Delivery}); retrying after a backoff")]
    public static partial void TurnFailed(ILogger logger, string studyRef, int delivery, Exception error);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Error, Message = "Study {StudyRef}: turn failed on its last delivery ({Delivery}); message dead-lettered")]
    public static partial void DeadLettered(ILogger logger, string studyRef, int delivery, Exception error);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Error, Message = "Message {MessageId} is not a study message; dead-lettered")]
    public static partial void Unreadable(ILogger logger, string messageId);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning, Message = "Receiving from the study queue failed")]
    public static partial void ReceiveFailed(ILogger logger, Exception error);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Warning, Message = "Changing the visibility of message {MessageId} failed")]
    public static partial void HeartbeatFailed(ILogger logger, string messageId, Exception error);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Error, Message = "A study's message loop failed")]
    public static partial void StudyLoopFailed(ILogger logger, Exception error);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Debug, Message = "received {MessageCount} message(s) of {GroupCount} studies, asked for {Asked}")]
    public static partial void Received(ILogger logger, int messageCount, int groupCount, int asked);
}
