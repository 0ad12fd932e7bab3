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
}
