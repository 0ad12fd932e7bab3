namespace MedImaging.Api.DirectUploads;

internal static partial class DirectUploadLog
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Direct upload {UploadId} created for {Files} file(s), {Bytes} bytes declared")]
    public static partial void Created(ILogger logger, string uploadId, int files, long bytes);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Direct upload {UploadId} not completed: {Refused} file(s) refused")]
    public static partial void Refused(ILogger logger, string uploadId, int refused);
}
