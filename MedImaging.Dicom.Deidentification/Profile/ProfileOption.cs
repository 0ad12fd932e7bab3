namespace MedImaging.Dicom.Deidentification.Profile;

/// <summary>The option columns of Table E.1-1 (PS3.15 E.3), in the table's column order.</summary>
public enum ProfileOption
{
    RetainSafePrivate,
    RetainUids,
    RetainDeviceIdentity,
    RetainInstitutionIdentity,
    RetainPatientCharacteristics,
    RetainLongitudinalFullDates,
    RetainLongitudinalModifiedDates,
    CleanDescriptors,
    CleanStructuredContent,
    CleanGraphics,
}

public static class ProfileOptionColumns
{
    /// <summary>The TSV column header of each option.</summary>
    public static string ColumnName(this ProfileOption option) => option switch
    {
        ProfileOption.RetainSafePrivate => "retain_safe_private",
        ProfileOption.RetainUids => "retain_uids",
        ProfileOption.RetainDeviceIdentity => "retain_device_identity",
        ProfileOption.RetainInstitutionIdentity => "retain_institution_identity",
        ProfileOption.RetainPatientCharacteristics => "retain_patient_characteristics",
        ProfileOption.RetainLongitudinalFullDates => "retain_longitudinal_full_dates",
        ProfileOption.RetainLongitudinalModifiedDates => "retain_longitudinal_modified_dates",
        ProfileOption.CleanDescriptors => "clean_descriptors",
        ProfileOption.CleanStructuredContent => "clean_structured_content",
        ProfileOption.CleanGraphics => "clean_graphics",
        _ => throw new ArgumentOutOfRangeException(nameof(option)),
    };
}
