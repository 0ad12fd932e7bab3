using MedImaging.Pipeline.Metadata;
using MedImaging.Pipeline.Steps;

namespace MedImaging.Pipeline.Execution.Ports;

/// <summary>
/// Handles plain JPEG/PNG images itself and hands DICOM to the DICOM reader. Raw datasets without the
/// Part 10 preamble are left to the DICOM reader too, which may accept or reject them.
/// </summary>
public sealed class CompositeInstanceReader(IInstanceReader dicomReader) : IInstanceReader
{
    public (InstanceKind Kind, IReadOnlyList<ValidationFinding> Findings) Validate(ReadOnlyMemory<byte> content) =>
        Validate(content, new RunParses());

    public (InstanceKind Kind, IReadOnlyList<ValidationFinding> Findings) Validate(ReadOnlyMemory<byte> content, RunParses parses)
    {
        if (content.IsEmpty)
            throw StepFailure.Permanent("empty-upload", "The upload is empty");
        return FormatSniffer.Detect(content.Span) switch
        {
            InstanceKind.Png => (InstanceKind.Png, []),
            InstanceKind.Jpeg => (InstanceKind.Jpeg, []),
            _ => dicomReader.Validate(content, parses),
        };
    }

    public InstanceMetadata ExtractMetadata(ReadOnlyMemory<byte> content) => ExtractMetadata(content, new RunParses());

    public InstanceMetadata ExtractMetadata(ReadOnlyMemory<byte> content, RunParses parses) =>
        FormatSniffer.Detect(content.Span) switch
        {
            InstanceKind.Png => new InstanceMetadata { Kind = InstanceKind.Png },
            InstanceKind.Jpeg => new InstanceMetadata { Kind = InstanceKind.Jpeg },
            _ => dicomReader.ExtractMetadata(content, parses),
        };

    public (InstanceKind Kind, IReadOnlyList<ValidationFinding> Findings) ValidateFile(string path, RunParses parses)
    {
        var start = Start(path);
        if (start.Length == 0)
            throw StepFailure.Permanent("empty-upload", "The upload is empty");
        return FormatSniffer.Detect(start) switch
        {
            InstanceKind.Png => (InstanceKind.Png, []),
            InstanceKind.Jpeg => (InstanceKind.Jpeg, []),
            _ => dicomReader.ValidateFile(path, parses),
        };
    }

    public InstanceMetadata ExtractMetadataFromFile(string path, RunParses parses) =>
        FormatSniffer.Detect(Start(path)) switch
        {
            InstanceKind.Png => new InstanceMetadata { Kind = InstanceKind.Png },
            InstanceKind.Jpeg => new InstanceMetadata { Kind = InstanceKind.Jpeg },
            _ => dicomReader.ExtractMetadataFromFile(path, parses),
        };

    /// <summary>Enough of the file for <see cref="FormatSniffer"/>.</summary>
    private static byte[] Start(string path)
    {
        using var file = File.OpenRead(path);
        var start = new byte[132];
        return start[..file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false)];
    }
}
