namespace MedImaging.Pipeline.Execution.Ports;

/// <summary>
/// De-identifies one DICOM instance. Must be deterministic for a given study (UID remapping and date
/// shifting keyed by a secret) so a repeated call yields the same output and keys. Throws
/// <see cref="Steps.StepFailure"/>: permanent when the file cannot be de-identified.
/// </summary>
public interface IInstanceDeidentifier
{
    Task<DeidentifiedInstance> DeidentifyAsync(ReadOnlyMemory<byte> dicom, CancellationToken cancellationToken);

    /// <summary>As <see cref="DeidentifyAsync(ReadOnlyMemory{byte}, CancellationToken)"/>, leaving the parsed output for the render step of this run.</summary>
    Task<DeidentifiedInstance> DeidentifyAsync(ReadOnlyMemory<byte> dicom, RunParses parses, CancellationToken cancellationToken) =>
        DeidentifyAsync(dicom, cancellationToken);
}

/// <param name="BurnedInPhiRisk">The pixels may still show identifying text (Burned In Annotation YES and not cleaned, or a risky modality or SOP class without NO).</param>
/// <param name="ActionCounts">How many attributes each audit outcome touched (e.g. Removed: 12), never values.</param>
public sealed record DeidentifiedInstance(
    ReadOnlyMemory<byte> Content,
    string StudyUid,
    string SeriesUid,
    string InstanceUid,
    bool BurnedInPhiRisk,
    IReadOnlyDictionary<string, int> ActionCounts);
