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

    /// <summary>
    /// As <see cref="DeidentifyAsync(ReadOnlyMemory{byte}, RunParses, CancellationToken)"/>, for an upload in a local file (what the
    /// pipeline passes). A de-identifier that can should leave pixel data in the file until the output is written; this
    /// default reads the file whole.
    /// </summary>
    Task<DeidentifiedInstance> DeidentifyFileAsync(string path, RunParses parses, CancellationToken cancellationToken) =>
        DeidentifyAsync(File.ReadAllBytes(path), parses, cancellationToken);
}

/// <param name="WriteTo">
/// Writes the de-identified file, front to back, into a stream (synchronously: the DICOM writer is); may be called again
/// and writes the same bytes each time, for as long as the upload it was made from is there.
/// </param>
/// <param name="BurnedInPhiRisk">The pixels may still show identifying text (Burned In Annotation YES and not cleaned, or a risky modality or SOP class without NO).</param>
/// <param name="ActionCounts">How many attributes each audit outcome touched (e.g. Removed: 12), never values.</param>
public sealed record DeidentifiedInstance(
    Action<Stream> WriteTo,
    string StudyUid,
    string SeriesUid,
    string InstanceUid,
    bool BurnedInPhiRisk,
    IReadOnlyDictionary<string, int> ActionCounts)
{
    /// <summary>The whole de-identified file in memory: for small files and tests only.</summary>
    public byte[] ToArray()
    {
        using var buffer = new MemoryStream();
        WriteTo(buffer);
        return buffer.ToArray();
    }
}
