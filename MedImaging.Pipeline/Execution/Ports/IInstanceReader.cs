using MedImaging.Pipeline.Metadata;

namespace MedImaging.Pipeline.Execution.Ports;

/// <summary>Reads an upload: what it is, whether it is acceptable, and its header facts.</summary>
public interface IInstanceReader
{
    /// <summary>Validates the upload. Throws <see cref="Steps.StepFailure"/> (permanent) when it cannot be read at all.</summary>
    (InstanceKind Kind, IReadOnlyList<ValidationFinding> Findings) Validate(ReadOnlyMemory<byte> content);

    InstanceMetadata ExtractMetadata(ReadOnlyMemory<byte> content);

    /// <summary>As <see cref="Validate(ReadOnlyMemory{byte})"/>, reusing (and leaving for the next step) what this run parsed.</summary>
    (InstanceKind Kind, IReadOnlyList<ValidationFinding> Findings) Validate(ReadOnlyMemory<byte> content, RunParses parses) => Validate(content);

    /// <summary>As <see cref="ExtractMetadata(ReadOnlyMemory{byte})"/>, reusing what this run parsed.</summary>
    InstanceMetadata ExtractMetadata(ReadOnlyMemory<byte> content, RunParses parses) => ExtractMetadata(content);

    /// <summary>
    /// As <see cref="Validate(ReadOnlyMemory{byte}, RunParses)"/>, for an upload in a local file (what the pipeline passes).
    /// A reader that can should read only what it needs of the file; this default reads it whole.
    /// </summary>
    (InstanceKind Kind, IReadOnlyList<ValidationFinding> Findings) ValidateFile(string path, RunParses parses) =>
        Validate(File.ReadAllBytes(path), parses);

    /// <summary>As <see cref="ExtractMetadata(ReadOnlyMemory{byte}, RunParses)"/>, for an upload in a local file.</summary>
    InstanceMetadata ExtractMetadataFromFile(string path, RunParses parses) => ExtractMetadata(File.ReadAllBytes(path), parses);
}
