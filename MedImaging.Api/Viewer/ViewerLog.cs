namespace MedImaging.Api.Viewer;

internal static partial class ViewerLog
{
    // Names the bucket only: object keys hold de-identified UIDs, but nothing of a study needs to reach the log.
    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "A delivered instance's de-identified file is missing from bucket {Bucket}")]
    public static partial void DeidentifiedFileMissing(ILogger logger, string bucket);
}
