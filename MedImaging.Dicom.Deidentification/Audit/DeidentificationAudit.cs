using System.Text.Json;
using System.Text.Json.Serialization;

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
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = false,
        Converters = { new JsonStringEnumConverter() },
    };

    public int Count(AuditOutcome outcome) => Entries.Count(e => e.Outcome == outcome);

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}
