namespace MedImaging.Api.Uploads;

/// <summary>What reading the identifiers from the first bytes of a file found.</summary>
public abstract record HeaderScan
{
    private HeaderScan() { }

    /// <param name="DeclaredEnd">Where the file must end at least, as its Pixel Data's declared length says (null when not known).</param>
    public sealed record Found(string StudyUid, string SopInstanceUid, DeclaredEnd? DeclaredEnd) : HeaderScan;

    /// <summary>The header runs past the bytes read (or breaks there): more of the file may tell.</summary>
    public sealed record Incomplete : HeaderScan;

    /// <summary>The header read, but without both identifiers.</summary>
    public sealed record Missing : HeaderScan;

    /// <summary>Not a readable DICOM header; <paramref name="Reason"/> is the reader's (offsets and tags, never values).</summary>
    public sealed record Unreadable(string Reason) : HeaderScan;

    /// <summary>Refused by a limit while reading (a deflate bomb).</summary>
    public sealed record Refused(UploadRejectedException Rejection) : HeaderScan;
}

/// <summary>An element whose declared length says the file is at least <see cref="Bytes"/> long.</summary>
public sealed record DeclaredEnd(string Element, long Bytes);
