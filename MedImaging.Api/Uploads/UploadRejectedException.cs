namespace MedImaging.Api.Uploads;

/// <summary>
/// The upload is refused; becomes an RFC 9457 problem response with its <see cref="Type"/> (one per refusal class,
/// <see cref="UploadProblemTypes"/>) and, when a limit refused it, the limit's value. The detail carries no file content.
/// </summary>
public sealed class UploadRejectedException(int statusCode, string type, string title, string detail, long? limit = null) : Exception(detail)
{
    public int StatusCode { get; } = statusCode;
    public string Type { get; } = type;
    public string Title { get; } = title;

    /// <summary>The value of the limit that refused the upload (bytes, or files), when one did.</summary>
    public long? Limit { get; } = limit;

    public static UploadRejectedException Empty() =>
        new(StatusCodes.Status400BadRequest, UploadProblemTypes.EmptyUpload, "Empty upload", "The request carried no file, or an empty one.");

    public static UploadRejectedException MalformedRequest(int statusCode, string detail) =>
        new(statusCode, UploadProblemTypes.MalformedRequest, "Malformed request", detail);

    public static UploadRejectedException UnsupportedType() =>
        new(StatusCodes.Status415UnsupportedMediaType, UploadProblemTypes.UnsupportedFileType, "Unsupported file type",
            "Each file must be DICOM Part 10 (or a DICOM dataset), JPEG or PNG.");

    public static UploadRejectedException UnsupportedRequest(string? contentType) =>
        new(StatusCodes.Status415UnsupportedMediaType, UploadProblemTypes.UnsupportedRequest, "Unsupported request content type",
            $"Send multipart/form-data with one or more 'file' fields, or one application/dicom body (got '{contentType}').");

    public static UploadRejectedException MissingIdentifiers() =>
        new(StatusCodes.Status422UnprocessableEntity, UploadProblemTypes.IdentifiersMissing, "DICOM identifiers missing",
            "The DICOM file has no readable StudyInstanceUID and SOPInstanceUID (or they are not valid UIDs).");

    /// <param name="reason">The reader's reason and offset (<see cref="MedImaging.Dicom.DicomFormatException"/>: never values).</param>
    public static UploadRejectedException MalformedDicom(string reason) =>
        new(StatusCodes.Status422UnprocessableEntity, UploadProblemTypes.MalformedDicom, "Malformed DICOM header",
            $"The DICOM header cannot be read: {reason}.");

    public static UploadRejectedException HeaderTooLong(long limit) =>
        new(StatusCodes.Status422UnprocessableEntity, UploadProblemTypes.HeaderTooLong, "DICOM header too long",
            $"The identifiers were not found in the first {limit} bytes of the file, the header limit (or the header is malformed there).", limit);

    public static UploadRejectedException InflateLimit(long limit) =>
        new(StatusCodes.Status422UnprocessableEntity, UploadProblemTypes.InflateLimit, "Deflated DICOM dataset too large",
            $"The deflated dataset inflates (or declares a value) beyond the limit of {limit} bytes before its header ends.", limit);

    public static UploadRejectedException LengthBeyondFile(string element, long declaredEnd, long fileLength) =>
        new(StatusCodes.Status422UnprocessableEntity, UploadProblemTypes.LengthBeyondFile, "DICOM length beyond the file",
            $"{element} declares a value ending at byte {declaredEnd}, but the file has {fileLength} bytes.", fileLength);

    public static UploadRejectedException TooLarge(long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, UploadProblemTypes.TooLarge, "Upload too large", $"A file or the request exceeds the limit of {limit} bytes.", limit);

    public static UploadRejectedException TooManyFiles(int limit) =>
        new(StatusCodes.Status413PayloadTooLarge, UploadProblemTypes.TooManyFiles, "Too many files", $"At most {limit} files per request.", limit);
}
