using MedImaging.Dicom;

namespace MedImaging.Api.Uploads;

/// <summary>The identifiers the upload needs from a DICOM file's header: its study and SOP instance UIDs.</summary>
public static class DicomIdentifiers
{
    public static bool IsPart10(ReadOnlySpan<byte> head) => head.Length >= 132 && head.Slice(128, 4).SequenceEqual("DICM"u8);

    /// <summary>
    /// The UIDs from the header in <paramref name="head"/> (the first part of the file), or null when it is not
    /// a readable DICOM header or lacks them. Pixel data is never read.
    /// </summary>
    public static (string StudyUid, string SopInstanceUid)? TryRead(ReadOnlyMemory<byte> head)
    {
        try
        {
            var dataset = DicomFile.Read(head, DicomReadOptions.HeaderOnly).Dataset;
            return dataset.TryGetString(DicomTag.StudyInstanceUID, out var study) && dataset.TryGetString(DicomTag.SOPInstanceUID, out var sop)
                ? (study.Trim('\0', ' '), sop.Trim('\0', ' '))
                : null;
        }
        catch (Exception error) when (error is DicomFormatException or DicomDataException)
        {
            return null;
        }
    }
}
