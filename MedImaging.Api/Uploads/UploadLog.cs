namespace MedImaging.Api.Uploads;

internal static partial class UploadLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Upload accepted for study {StudyRef}: {Instances} instance(s), {Bytes} bytes")]
    public static partial void UploadAccepted(ILogger logger, string studyRef, int instances, long bytes);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Upload refused ({Reason}); removed {StoredFiles} stored file(s)")]
    public static partial void UploadRefused(ILogger logger, int storedFiles, string reason);
}
