namespace MedImaging.Dicom.Deidentification.Audit;

/// <summary>
/// Whether the pixel data may carry burned-in identifying text, so that routing can quarantine it.
/// <paramref name="Reason"/> names the evidence (attribute or modality), never a value that identifies anyone.
/// </summary>
public sealed record BurnedInAnnotationRisk(bool AtRisk, string Reason)
{
    public static BurnedInAnnotationRisk None { get; } = new(false, "no indication of burned-in text");
}
