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

    private const string HeaderParse = "dicom-header";

    public (InstanceKind Kind, IReadOnlyList<ValidationFinding> Findings) Validate(ReadOnlyMemory<byte> content) =>
        Validate(content, new RunParses());

    public (InstanceKind Kind, IReadOnlyList<ValidationFinding> Findings) Validate(ReadOnlyMemory<byte> content, RunParses parses) =>
        Validate(parses.GetOrAdd(content, HeaderParse, Read));

    private static (InstanceKind Kind, IReadOnlyList<ValidationFinding> Findings) Validate(DicomFile file)
    {
        var findings = new List<ValidationFinding>();
        foreach (var (tag, keyword) in RequiredIdentifiers)
            if (string.IsNullOrWhiteSpace(TextOf(file.Dataset, tag)))
                findings.Add(new ValidationFinding("missing-identifier", ValidationSeverity.Error, $"{keyword} {tag} is missing or empty"));
        if (string.IsNullOrWhiteSpace(TextOf(file.Dataset, DicomTag.Modality)))
            findings.Add(new ValidationFinding("missing-modality", ValidationSeverity.Warning, $"Modality {DicomTag.Modality} is missing"));
        if (file.Format == DicomFileFormat.RawDataset)
            findings.Add(new ValidationFinding("no-file-meta", ValidationSeverity.Warning, "No Part 10 preamble and meta information; read as a bare dataset"));
        return (InstanceKind.Dicom, findings);
    }

    public (InstanceKind Kind, IReadOnlyList<ValidationFinding> Findings) ValidateFile(string path, RunParses parses) =>
        Validate(parses.GetOrAdd(path, HeaderParse, p => Read(() => DicomFile.Open(p, DicomReadOptions.HeaderOnly))));

    public InstanceMetadata ExtractMetadata(ReadOnlyMemory<byte> content) => ExtractMetadata(content, new RunParses());

    public InstanceMetadata ExtractMetadata(ReadOnlyMemory<byte> content, RunParses parses) =>
        ExtractMetadata(parses.GetOrAdd(content, HeaderParse, Read));

    /// <remarks>Only the header is read: the file's pixel data is never touched.</remarks>
    public InstanceMetadata ExtractMetadataFromFile(string path, RunParses parses) =>
        ExtractMetadata(parses.GetOrAdd(path, HeaderParse, p => Read(() => DicomFile.Open(p, DicomReadOptions.HeaderOnly))));

    private static InstanceMetadata ExtractMetadata(DicomFile file)
    {
        var data = file.Dataset;
        string? Text(DicomTag tag) => TextOf(data, tag)?.Trim() is { Length: > 0 } s ? s : null;
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

    /// <summary>
    /// The value as text. Elements left as UN (written by converters that lost the VR) hold the text's bytes;
    /// every attribute read here is a string VR, so those bytes are read as ASCII (PS3.5 6.2.2).
    /// </summary>
    private static string? TextOf(DicomDataset data, DicomTag tag)
    {
        if (!data.TryGetElement(tag, out var element)) return null;
        if (element.VR != DicomVR.UN) return data.GetStringOrDefault(tag);
        var bytes = element.Buffer.Span;
        foreach (var b in bytes)
            if (b is not (0 or (>= 0x20 and < 0x7F)))
                return null;
        return System.Text.Encoding.ASCII.GetString(bytes).TrimEnd('\0', ' ');
    }

    private static DicomFile Read(ReadOnlyMemory<byte> content) => Read(() => DicomFile.Read(content, DicomReadOptions.HeaderOnly));

    private static DicomFile Read(Func<DicomFile> read)
    {
        try
        {
            return read();
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
