namespace MedImaging.Api.Uploads;

public enum UploadedFileKind { Unknown, Dicom, Jpeg, Png }

public static class UploadedFileKinds
{
    /// <summary>Tells the kind from the file's first bytes (magic numbers), never from names or declared types.</summary>
    public static UploadedFileKind Detect(ReadOnlySpan<byte> head)
    {
        if (DicomIdentifiers.IsPart10(head)) return UploadedFileKind.Dicom;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return UploadedFileKind.Jpeg;
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return UploadedFileKind.Png;
        return UploadedFileKind.Unknown;
    }

    public static string ContentType(this UploadedFileKind kind) => kind switch
    {
        UploadedFileKind.Dicom => "application/dicom",
        UploadedFileKind.Jpeg => "image/jpeg",
        UploadedFileKind.Png => "image/png",
        _ => "application/octet-stream",
    };
}
