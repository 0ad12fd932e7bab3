namespace MedImaging.Dicom.Deidentification;

/// <summary>
/// The policy asks for something this engine cannot do for this instance (for example Clean Recognizable Visual
/// Features on a head volume or a photograph): no output is produced, so routing can quarantine the input.
/// The message names the evidence (modality, SOP class, body part), never an identifying value.
/// </summary>
public sealed class DeidentificationRefusedException(string reason) : Exception($"refused: {reason}")
{
    public string Reason { get; } = reason;
}
