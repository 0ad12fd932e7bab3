using MedImaging.Dicom.Deidentification.Policy;
using MedImaging.Dicom.Deidentification.Profile;

namespace MedImaging.Dicom.Deidentification.Marking;

/// <summary>A coded entry of PS3.16 CID 7050 "De-identification Method" (coding scheme DCM).</summary>
public sealed record DeidentificationMethodCode(string Value, string Meaning)
{
    public const string Scheme = "DCM";

    public static DeidentificationMethodCode BasicProfile { get; } = new("113100", "Basic Application Confidentiality Profile");
    public static DeidentificationMethodCode CleanPixelData { get; } = new("113101", "Clean Pixel Data Option");
    public static DeidentificationMethodCode CleanRecognizableVisualFeatures { get; } = new("113102", "Clean Recognizable Visual Features Option");

    public static DeidentificationMethodCode For(ProfileOption option) => option switch
    {
        ProfileOption.CleanGraphics => new("113103", "Clean Graphics Option"),
        ProfileOption.CleanStructuredContent => new("113104", "Clean Structured Content Option"),
        ProfileOption.CleanDescriptors => new("113105", "Clean Descriptors Option"),
        ProfileOption.RetainLongitudinalFullDates => new("113106", "Retain Longitudinal Temporal Information Full Dates Option"),
        ProfileOption.RetainLongitudinalModifiedDates => new("113107", "Retain Longitudinal Temporal Information Modified Dates Option"),
        ProfileOption.RetainPatientCharacteristics => new("113108", "Retain Patient Characteristics Option"),
        ProfileOption.RetainDeviceIdentity => new("113109", "Retain Device Identity Option"),
        ProfileOption.RetainUids => new("113110", "Retain UIDs Option"),
        ProfileOption.RetainSafePrivate => new("113111", "Retain Safe Private Option"),
        ProfileOption.RetainInstitutionIdentity => new("113112", "Retain Institution Identity Option"),
        _ => throw new ArgumentOutOfRangeException(nameof(option)),
    };

    /// <summary>The codes of the profile and of every option the policy applied, basic profile first.</summary>
    public static IReadOnlyList<DeidentificationMethodCode> For(DeidentificationPolicy policy, bool pixelDataCleaned)
    {
        var codes = new List<DeidentificationMethodCode> { BasicProfile };
        if (pixelDataCleaned)
            codes.Add(CleanPixelData);
        codes.AddRange(policy.EnabledOptions.Select(For));
        return codes.OrderBy(c => c.Value, StringComparer.Ordinal).ToList();
    }
}
