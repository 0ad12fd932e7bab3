namespace MedImaging.Api.Uploads;

/// <summary>
/// The RFC 9457 problem type of each refusal class (<c>type</c> in the problem details): a client tells refusals
/// apart by these, never by their titles. URNs, as they name a class and are not meant to be fetched.
/// </summary>
public static class UploadProblemTypes
{
    private const string Prefix = "urn:medimaging:problem:";

    public const string UnsupportedRequest = Prefix + "unsupported-request";
    public const string MalformedRequest = Prefix + "malformed-request";
    public const string EmptyUpload = Prefix + "empty-upload";
    public const string TooLarge = Prefix + "too-large";
    public const string TooManyFiles = Prefix + "too-many-files";
    public const string UnsupportedFileType = Prefix + "unsupported-file-type";
    public const string MalformedDicom = Prefix + "malformed-dicom";
    public const string IdentifiersMissing = Prefix + "dicom-identifiers-missing";
    public const string HeaderTooLong = Prefix + "dicom-header-too-long";
    public const string InflateLimit = Prefix + "dicom-inflate-limit";
    public const string LengthBeyondFile = Prefix + "dicom-length-beyond-file";
    public const string NotUploaded = Prefix + "direct-upload-file-missing";
    public const string SizeMismatch = Prefix + "direct-upload-size-mismatch";
    public const string PartsNotListed = Prefix + "direct-upload-parts-not-listed";
    public const string PartsIncomplete = Prefix + "direct-upload-parts-incomplete";
    public const string PartsNotAssembled = Prefix + "direct-upload-parts-not-assembled";
}
