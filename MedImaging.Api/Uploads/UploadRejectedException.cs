namespace MedImaging.Api.Uploads;

/// <summary>The upload is refused; becomes an RFC 9457 problem response. The detail carries no file content.</summary>
public sealed class UploadRejectedException(int statusCode, string title, string detail) : Exception(detail)
{
    public int StatusCode { get; } = statusCode;
    public string Title { get; } = title;

    public static UploadRejectedException Empty() =>
        new(StatusCodes.Status400BadRequest, "Empty upload", "The request carried no file, or an empty one.");

    public static UploadRejectedException UnsupportedType() =>
        new(StatusCodes.Status415UnsupportedMediaType, "Unsupported file type", "Each file must be DICOM Part 10, JPEG or PNG.");

    public static UploadRejectedException UnsupportedRequest(string? contentType) =>
        new(StatusCodes.Status415UnsupportedMediaType, "Unsupported request content type",
            $"Send multipart/form-data with one or more 'file' fields, or one application/dicom body (got '{contentType}').");

    public static UploadRejectedException MissingIdentifiers() =>
        new(StatusCodes.Status422UnprocessableEntity, "DICOM identifiers missing",
            "The DICOM file has no readable StudyInstanceUID and SOPInstanceUID (or they are not valid UIDs).");

    public static UploadRejectedException TooLarge(long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, "Upload too large", $"A file or the request exceeds the limit of {limit} bytes.");

    public static UploadRejectedException TooManyFiles(int limit) =>
        new(StatusCodes.Status413PayloadTooLarge, "Too many files", $"At most {limit} files per request.");
}
