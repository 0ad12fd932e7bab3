using MedImaging.Dicom.Deidentification.Profile;

namespace MedImaging.Dicom.Deidentification.Policy;

/// <summary>
/// Which PS3.15 options apply on top of the Basic Application Level Confidentiality Profile.
/// The default instance is the Basic profile alone.
/// </summary>
public sealed record DeidentificationPolicy
{
    public static DeidentificationPolicy Basic { get; } = new();

    public bool RetainSafePrivate { get; init; }
    public bool RetainUids { get; init; }
    public bool RetainDeviceIdentity { get; init; }
    public bool RetainInstitutionIdentity { get; init; }
    public bool RetainPatientCharacteristics { get; init; }
    public bool RetainLongitudinalFullDates { get; init; }
    public bool RetainLongitudinalModifiedDates { get; init; }
    public bool CleanDescriptors { get; init; }
    public bool CleanStructuredContent { get; init; }
    public bool CleanGraphics { get; init; }

    /// <summary>
    /// Clean Pixel Data (E.3.1): blank the rectangles of the first matching rule in every frame (compressed pixel
    /// data is decoded and written back uncompressed).
    /// </summary>
    public bool CleanPixelData { get; init; }

    /// <summary>
    /// Clean Recognizable Visual Features (E.3.2). This engine cannot remove a face from pixels, so it does what it
    /// honestly can: an instance that may show recognizable features (photographs, head and neck volumes, volumes
    /// whose body part is unknown) is refused with <see cref="DeidentificationRefusedException"/> and no output is
    /// written; other instances are de-identified, and the option is not claimed in the method code sequence.
    /// </summary>
    public bool CleanRecognizableVisualFeatures { get; init; }

    /// <summary>The private attributes that Retain Safe Private keeps; every other private attribute is removed.</summary>
    public IReadOnlyList<SafePrivateAttribute> SafePrivateAttributes { get; init; } = [];

    /// <summary>Where burned-in text sits, per modality, manufacturer and image size (used by Clean Pixel Data).</summary>
    public IReadOnlyList<PixelCleaningRule> PixelCleaningRules { get; init; } = [];

    public bool IsEnabled(ProfileOption option) => option switch
    {
        ProfileOption.RetainSafePrivate => RetainSafePrivate,
        ProfileOption.RetainUids => RetainUids,
        ProfileOption.RetainDeviceIdentity => RetainDeviceIdentity,
        ProfileOption.RetainInstitutionIdentity => RetainInstitutionIdentity,
        ProfileOption.RetainPatientCharacteristics => RetainPatientCharacteristics,
        ProfileOption.RetainLongitudinalFullDates => RetainLongitudinalFullDates,
        ProfileOption.RetainLongitudinalModifiedDates => RetainLongitudinalModifiedDates,
        ProfileOption.CleanDescriptors => CleanDescriptors,
        ProfileOption.CleanStructuredContent => CleanStructuredContent,
        ProfileOption.CleanGraphics => CleanGraphics,
        _ => throw new ArgumentOutOfRangeException(nameof(option)),
    };

    public DeidentificationPolicy With(ProfileOption option) => option switch
    {
        ProfileOption.RetainSafePrivate => this with { RetainSafePrivate = true },
        ProfileOption.RetainUids => this with { RetainUids = true },
        ProfileOption.RetainDeviceIdentity => this with { RetainDeviceIdentity = true },
        ProfileOption.RetainInstitutionIdentity => this with { RetainInstitutionIdentity = true },
        ProfileOption.RetainPatientCharacteristics => this with { RetainPatientCharacteristics = true },
        ProfileOption.RetainLongitudinalFullDates => this with { RetainLongitudinalFullDates = true },
        ProfileOption.RetainLongitudinalModifiedDates => this with { RetainLongitudinalModifiedDates = true },
        ProfileOption.CleanDescriptors => this with { CleanDescriptors = true },
        ProfileOption.CleanStructuredContent => this with { CleanStructuredContent = true },
        ProfileOption.CleanGraphics => this with { CleanGraphics = true },
        _ => throw new ArgumentOutOfRangeException(nameof(option)),
    };

    public IEnumerable<ProfileOption> EnabledOptions => Enum.GetValues<ProfileOption>().Where(IsEnabled);

    /// <summary>Throws when options contradict each other.</summary>
    public DeidentificationPolicy Validate()
    {
        if (RetainLongitudinalFullDates && RetainLongitudinalModifiedDates)
            throw new ArgumentException("Retain Longitudinal Temporal Information with Full Dates and with Modified Dates are mutually exclusive.");
        if (CleanPixelData && PixelCleaningRules.Count == 0)
            throw new ArgumentException("Clean Pixel Data needs at least one pixel cleaning rule.");
        return this;
    }
}
