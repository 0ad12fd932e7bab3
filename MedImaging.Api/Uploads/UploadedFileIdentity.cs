using MedImaging.Aws.Studies;

namespace MedImaging.Api.Uploads;

/// <summary>What an uploaded file is and where it belongs: its kind, its study key and its instance id.</summary>
public sealed record UploadedFileIdentity(UploadedFileKind Kind, string StudyKey, string InstanceId)
{
    public string ContentType => Kind.ContentType();

    /// <summary>
    /// Tells the file from its first bytes (<paramref name="head"/>; only the header is parsed). DICOM belongs to its
    /// StudyInstanceUID under its SOPInstanceUID; a plain image to the upload (<paramref name="uploadId"/>) under
    /// <paramref name="imageId"/>. Anything else is refused with an <see cref="UploadRejectedException"/>.
    /// </summary>
    public static UploadedFileIdentity Identify(ReadOnlyMemory<byte> head, string uploadId, string imageId)
    {
        var kind = UploadedFileKinds.Detect(head.Span);
        var identifiers = kind is UploadedFileKind.Dicom or UploadedFileKind.Unknown ? DicomIdentifiers.TryRead(head) : null;
        // A dataset without the Part 10 preamble is still DICOM when its header reads.
        if (kind is UploadedFileKind.Unknown && identifiers is not null) kind = UploadedFileKind.Dicom;
        return kind switch
        {
            UploadedFileKind.Dicom when identifiers is var (study, sop) && StudyKeys.IsDicomUid(study) && StudyKeys.IsDicomUid(sop)
                => new UploadedFileIdentity(kind, study, sop),
            UploadedFileKind.Dicom => throw UploadRejectedException.MissingIdentifiers(),
            UploadedFileKind.Jpeg or UploadedFileKind.Png => new UploadedFileIdentity(kind, uploadId, imageId),
            _ => throw UploadRejectedException.UnsupportedType(),
        };
    }
}
