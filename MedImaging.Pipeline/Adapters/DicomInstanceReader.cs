using MedImaging.Dicom;
using MedImaging.Pipeline.Execution;
using MedImaging.Pipeline.Execution.Ports;
using MedImaging.Pipeline.Metadata;
using MedImaging.Pipeline.Steps;

namespace MedImaging.Pipeline.Adapters;

/// <summary>
/// Reads DICOM uploads with MedImaging.Dicom (header only: pixel data is neither needed nor loaded here).
/// A file that does not parse is a permanent failure; missing identifying attributes are errors.
/// </summary>
public sealed class DicomInstanceReader : IInstanceReader
{
    private static readonly (DicomTag Tag, string Keyword)[] RequiredIdentifiers =
    [
        (DicomTag.StudyInstanceUID, "StudyInstanceUID"),
        (DicomTag.SeriesInstanceUID, "SeriesInstanceUID"),
        (DicomTag.SOPInstanceUID, "SOPInstanceUID"),
        (DicomTag.SOPClassUID, "SOPClassUID"),
    ];

    public (InstanceKind Kind, IReadOnlyList<ValidationFinding> Findings) Validate(ReadOnlyMemory<byte> content)
    {
        var file = Read(content);
        var findings = new List<ValidationFinding>();
        foreach (var (tag, keyword) in RequiredIdentifiers)
            if (string.IsNullOrWhiteSpace(file.Dataset.GetStringOrDefault(tag)))
                findings.Add(new ValidationFinding("missing-identifier", ValidationSeverity.Error, $"{keyword} {tag} is missing or empty"));
        if (string.IsNullOrWhiteSpace(file.Dataset.GetStringOrDefault(DicomTag.Modality)))
            findings.Add(new ValidationFinding("missing-modality", ValidationSeverity.Warning, $"Modality {DicomTag.Modality} is missing"));
        if (file.Format == DicomFileFormat.RawDataset)
            findings.Add(new ValidationFinding("no-file-meta", ValidationSeverity.Warning, "No Part 10 preamble and meta information; read as a bare dataset"));
        return (InstanceKind.Dicom, findings);
    }

    public InstanceMetadata ExtractMetadata(ReadOnlyMemory<byte> content)
    {
        var file = Read(content);
        var data = file.Dataset;
        string? Text(DicomTag tag) => data.GetStringOrDefault(tag)?.Trim() is { Length: > 0 } s ? s : null;
        int? Number(DicomTag tag) => data.TryGetValue<int>(tag, 0, out var n) ? n : null;
        return new InstanceMetadata
        {
            Kind = InstanceKind.Dicom,
            StudyInstanceUid = Text(DicomTag.StudyInstanceUID),
            SeriesInstanceUid = Text(DicomTag.SeriesInstanceUID),
            SopInstanceUid = Text(DicomTag.SOPInstanceUID),
            SopClassUid = Text(DicomTag.SOPClassUID) ?? file.FileMetaInfo.MediaStorageSOPClassUID?.Trim(),
            Modality = Text(DicomTag.Modality),
            BodyPartExamined = Text(DicomTag.BodyPartExamined),
            BurnedInAnnotation = Text(DicomTag.BurnedInAnnotation),
            TransferSyntaxUid = file.TransferSyntax.UID.UID,
            Rows = Number(DicomTag.Rows),
            Columns = Number(DicomTag.Columns),
            NumberOfFrames = Number(DicomTag.NumberOfFrames),
        };
    }

    private static DicomFile Read(ReadOnlyMemory<byte> content)
    {
        try
        {
            return DicomFile.Read(content, DicomReadOptions.HeaderOnly);
        }
        catch (DicomFormatException e)
        {
            // The message names offset and tag, never a value.
            throw StepFailure.Permanent("unreadable-dicom", e.Message, e);
        }
        catch (DicomDataException e)
        {
            throw StepFailure.Permanent("unreadable-dicom", e.Message, e);
        }
    }
}
