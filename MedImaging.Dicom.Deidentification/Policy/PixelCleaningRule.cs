namespace MedImaging.Dicom.Deidentification.Policy;

/// <summary>A rectangle of pixels to blank, in pixel coordinates of every frame.</summary>
public sealed record PixelRectangle(int X, int Y, int Width, int Height);

/// <summary>
/// Where a device burns text into its images: applies when every given criterion matches
/// (null criteria match anything; manufacturer compares case-insensitively as a prefix).
/// </summary>
public sealed record PixelCleaningRule(
    string? Modality,
    string? Manufacturer,
    int? Rows,
    int? Columns,
    IReadOnlyList<PixelRectangle> Rectangles)
{
    public bool Matches(string? modality, string? manufacturer, int rows, int columns) =>
        (Modality is null || string.Equals(Modality, modality?.Trim(), StringComparison.OrdinalIgnoreCase))
        && (Manufacturer is null || (manufacturer?.Trim().StartsWith(Manufacturer, StringComparison.OrdinalIgnoreCase) ?? false))
        && (Rows is null || Rows == rows)
        && (Columns is null || Columns == columns);
}
