namespace MedImaging.Dicom.Deidentification.Audit;

/// <summary>
/// Whether the pixel data may show a recognizable face or other visual features (photographs, or a head volume from
/// which a face can be reconstructed). <paramref name="Reason"/> names the evidence (modality, SOP class, body part),
/// never a value that identifies anyone.
/// </summary>
public sealed record RecognizableVisualFeaturesRisk(bool AtRisk, string Reason)
{
    public static RecognizableVisualFeaturesRisk None { get; } = new(false, "no indication of recognizable visual features");
}
