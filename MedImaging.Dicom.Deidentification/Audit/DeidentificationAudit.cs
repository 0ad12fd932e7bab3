using System.Text.Json;

namespace MedImaging.Dicom.Deidentification.Audit;

/// <summary>The audit record of one de-identified instance: tags and outcomes only, never values.</summary>
public sealed record DeidentificationAudit(
    string SopInstanceUid,
    string ProfileEdition,
    IReadOnlyList<string> Options,
    IReadOnlyList<AuditEntry> Entries,
    BurnedInAnnotationRisk BurnedInAnnotationRisk,
    RecognizableVisualFeaturesRisk RecognizableVisualFeaturesRisk)
{
    public int Count(AuditOutcome outcome) => Entries.Count(e => e.Outcome == outcome);

    public string ToJson() => JsonSerializer.Serialize(this, AuditJsonContext.Default.DeidentificationAudit);
}
