using MedImaging.Dicom.Deidentification.Profile;

namespace MedImaging.Dicom.Deidentification.Policy;

/// <summary>
/// Option names as users type them: the table's column names with '-' or '_' ("retain-uids",
/// "retain_longitudinal_modified_dates"), the enum names ("RetainUids"), "clean-pixel-data" and
/// "clean-recognizable-visual-features".
/// </summary>
public static class PolicyOptionNames
{
    public const string CleanPixelData = "clean-pixel-data";
    public const string CleanRecognizableVisualFeatures = "clean-recognizable-visual-features";

    public static IEnumerable<string> All =>
        Enum.GetValues<ProfileOption>().Select(o => o.ColumnName().Replace('_', '-')).Append(CleanPixelData).Append(CleanRecognizableVisualFeatures);

    public static DeidentificationPolicy Apply(DeidentificationPolicy policy, string name)
    {
        var normalized = Normalize(name);
        if (normalized == Normalize(CleanPixelData))
            return policy with { CleanPixelData = true };
        if (normalized == Normalize(CleanRecognizableVisualFeatures))
            return policy with { CleanRecognizableVisualFeatures = true };
        foreach (var option in Enum.GetValues<ProfileOption>())
            if (Normalize(option.ColumnName()) == normalized || Normalize(option.ToString()) == normalized)
                return policy.With(option);
        throw new ArgumentException($"unknown option '{name}' (known: {string.Join(", ", All)})");
    }

    private static string Normalize(string name) => name.Replace("-", "").Replace("_", "").ToLowerInvariant();
}
