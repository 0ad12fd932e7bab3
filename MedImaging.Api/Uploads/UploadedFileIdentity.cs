using MedImaging.Studies;

namespace MedImaging.Api.Uploads;

/// <summary>
/// What an uploaded file is and where it belongs: its kind, its study key and its instance id, and (DICOM) how long
/// its header says the file is at least.
/// </summary>
public sealed record UploadedFileIdentity(UploadedFileKind Kind, string StudyKey, string InstanceId, DeclaredEnd? DeclaredEnd = null)
{
    public string ContentType => Kind.ContentType();

    /// <summary>
    /// Tells the file from its first bytes (<paramref name="head"/>, all of it when <paramref name="isWholeFile"/>; only
    /// the header is parsed). DICOM belongs to its StudyInstanceUID under its SOPInstanceUID; a plain image to the
    /// upload (<paramref name="uploadId"/>) under <paramref name="imageId"/>. Null when a DICOM header runs past
    /// <paramref name="head"/>: read more of the file and ask again. Anything else is refused with an
    /// <see cref="UploadRejectedException"/> saying why.
    /// </summary>
    public static UploadedFileIdentity? Identify(ReadOnlyMemory<byte> head, bool isWholeFile, long maxInflatedBytes, string uploadId, string imageId)
    {
        var kind = UploadedFileKinds.Detect(head.Span);
        if (kind is UploadedFileKind.Jpeg or UploadedFileKind.Png) return new UploadedFileIdentity(kind, uploadId, imageId);
        var scan = DicomIdentifiers.Scan(head, isWholeFile, maxInflatedBytes);
        // A dataset without the Part 10 preamble is still DICOM when its header reads.
        if (kind is UploadedFileKind.Unknown && scan is not HeaderScan.Found) throw UploadRejectedException.UnsupportedType();
        return scan switch
        {
            HeaderScan.Found found when StudyKeys.IsDicomUid(found.StudyUid) && StudyKeys.IsDicomUid(found.SopInstanceUid)
                => new UploadedFileIdentity(UploadedFileKind.Dicom, found.StudyUid, found.SopInstanceUid, found.DeclaredEnd),
            HeaderScan.Incomplete => null,
            HeaderScan.Unreadable unreadable => throw UploadRejectedException.MalformedDicom(unreadable.Reason),
            HeaderScan.Refused refused => throw refused.Rejection,
            _ => throw UploadRejectedException.MissingIdentifiers(),
        };
    }

    /// <summary>Refuses a file shorter than its header's declared lengths say.</summary>
    public void CheckLength(long fileLength)
    {
        if (DeclaredEnd is { } end && end.Bytes > fileLength)
            throw UploadRejectedException.LengthBeyondFile(end.Element, end.Bytes, fileLength);
    }
}
