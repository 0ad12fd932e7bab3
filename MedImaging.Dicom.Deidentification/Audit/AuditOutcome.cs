namespace MedImaging.Dicom.Deidentification.Audit;

/// <summary>What happened to one attribute.</summary>
public enum AuditOutcome
{
    Removed,
    Emptied,
    /// <summary>Given a new value: a dummy, a new UID, a shifted date or cleaned text.</summary>
    Replaced,
    Kept,
}
