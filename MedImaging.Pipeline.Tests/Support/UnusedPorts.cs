using MedImaging.Pipeline.Execution.Ports;
using MedImaging.Pipeline.Metadata;
using MedImaging.Pipeline.Steps;

namespace MedImaging.Pipeline.Tests.Support;

/// <summary>
/// Ports a plain-image run must never touch: every call fails the test's run loudly.
/// (DICOM runs use the real adapters over MedImaging.Dicom and friends.)
/// </summary>
public sealed class UnusedPorts : IInstanceReader, IInstanceDeidentifier, IImageRenderer
{
    public string Extension => "jpg";

    public string ContentType => "image/jpeg";

    public (InstanceKind Kind, IReadOnlyList<MedImaging.Pipeline.Execution.ValidationFinding> Findings) Validate(ReadOnlyMemory<byte> content) =>
        throw StepFailure.Permanent("not-an-image", "Neither DICOM Part 10 nor JPEG/PNG");

    public InstanceMetadata ExtractMetadata(ReadOnlyMemory<byte> content) => throw new InvalidOperationException("DICOM reader must not be called");

    public Task<DeidentifiedInstance> DeidentifyAsync(ReadOnlyMemory<byte> dicom, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("de-identifier must not be called for a plain image");

    public Task<ReadOnlyMemory<byte>?> RenderAsync(ReadOnlyMemory<byte> dicom, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("renderer must not be called for a plain image");
}
