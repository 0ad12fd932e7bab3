using System.Text.Json.Serialization;

namespace MedImaging.Dicom.Deidentification.Audit;

/// <summary>Source-generated serializer for the audit (no reflection warm-up on the first instance of a batch).</summary>
[JsonSerializable(typeof(DeidentificationAudit))]
[JsonSourceGenerationOptions(UseStringEnumConverter = true, WriteIndented = false)]
internal sealed partial class AuditJsonContext : JsonSerializerContext;
