namespace MedImaging.Api.Uploads;

internal static partial class UploadLog
{
    // Debug: one line per accepted upload was ~2% of the Api's CPU per instance (JSON console formatting), plus the
    // host reading it. ASP.NET Core's request metrics (by route and status) and traces count uploads; the Silo logs each
    // study's completion.
    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Upload accepted for study {StudyRef}: {Instances} instance(s), {Bytes} bytes")]
    public static partial void UploadAccepted(ILogger logger, string studyRef, int instances, long bytes);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Upload refused ({Reason}); removed {StoredFiles} stored file(s)")]
    public static partial void UploadRefused(ILogger logger, int storedFiles, string reason);
}
