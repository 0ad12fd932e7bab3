using MedImaging.Dicom;

namespace MedImaging.Api.Uploads;

/// <summary>The identifiers the upload needs from a DICOM file's header: its study and SOP instance UIDs.</summary>
public static class DicomIdentifiers
{
    public static bool IsPart10(ReadOnlySpan<byte> head) => head.Length >= 132 && head.Slice(128, 4).SequenceEqual("DICM"u8);

    /// <summary>
    /// Reads the header in <paramref name="head"/> (the first part of the file, or all of it when
    /// <paramref name="isWholeFile"/>) up to Pixel Data, which is never read. A deflated dataset is inflated while it is
    /// read, at most <paramref name="maxInflatedBytes"/>.
    /// </summary>
    public static HeaderScan Scan(ReadOnlyMemory<byte> head, bool isWholeFile, long maxInflatedBytes)
    {
        DicomFile file;
        try
        {
            file = DicomFile.Read(head, DicomReadOptions.HeaderOnly with { MaxInflatedBytes = maxInflatedBytes });
        }
        catch (DicomInflateLimitException error)
        {
            return new HeaderScan.Refused(UploadRejectedException.InflateLimit(error.LimitBytes));
        }
        catch (DicomFormatException error)
        {
            return isWholeFile ? new HeaderScan.Unreadable(error.Message) : new HeaderScan.Incomplete();
        }
        var dataset = file.Dataset;
        try
        {
            if (dataset.TryGetString(DicomTag.StudyInstanceUID, out var study) && dataset.TryGetString(DicomTag.SOPInstanceUID, out var sop))
                return new HeaderScan.Found(study.Trim('\0', ' '), sop.Trim('\0', ' '), PixelDataExtent.DeclaredEnd(file, head.Span));
        }
        catch (DicomDataException error)
        {
            return new HeaderScan.Unreadable(error.Message);
        }
        // A header that ended with the bytes read, before Pixel Data, may go on.
        return isWholeFile || file.PixelDataOffset is not null ? new HeaderScan.Missing() : new HeaderScan.Incomplete();
    }
}
