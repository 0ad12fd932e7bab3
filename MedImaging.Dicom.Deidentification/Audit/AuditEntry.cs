namespace MedImaging.Dicom.Deidentification.Audit;

/// <summary>
/// One attribute of the audit: where it was ("(0008,1140)[0]/(0008,1155)"), what happened to it, and the
/// rule that decided it ("E.1-1 basic X/Z/D->X", "option retain_uids K", "VR PN", "private"). Never its value.
/// </summary>
public sealed record AuditEntry(string Path, AuditOutcome Outcome, string Rule);
