using MedImaging.Pipeline.Metadata;

namespace MedImaging.Pipeline.Execution.Ports;

/// <summary>Reads an upload: what it is, whether it is acceptable, and its header facts.</summary>
public interface IInstanceReader
{
    /// <summary>Validates the upload. Throws <see cref="Steps.StepFailure"/> (permanent) when it cannot be read at all.</summary>
    (InstanceKind Kind, IReadOnlyList<ValidationFinding> Findings) Validate(ReadOnlyMemory<byte> content);

    InstanceMetadata ExtractMetadata(ReadOnlyMemory<byte> content);
}
