using System.Globalization;

namespace MedImaging.Dicom.Deidentification.Policy;

/// <summary>
/// Parses "MODALITY,MANUFACTURER,ROWS,COLUMNS,X,Y,WIDTH,HEIGHT[,X,Y,WIDTH,HEIGHT...]"; "*" matches anything.
/// Example: "US,*,480,640,0,0,640,40" blanks the top 40 rows of 640x480 ultrasound images.
/// </summary>
public static class PixelCleaningRuleParser
{
    public static PixelCleaningRule Parse(string text)
    {
        var cells = text.Split(',', StringSplitOptions.TrimEntries);
        if (cells.Length < 8 || (cells.Length - 4) % 4 != 0)
            throw new FormatException($"pixel rule '{text}' is not MODALITY,MANUFACTURER,ROWS,COLUMNS,X,Y,WIDTH,HEIGHT[,...]");
        string? Any(string cell) => cell == "*" ? null : cell;
        int? Size(string cell) => cell == "*" ? null : int.Parse(cell, CultureInfo.InvariantCulture);
        var rectangles = new List<PixelRectangle>();
        for (var i = 4; i < cells.Length; i += 4)
        {
            var rectangle = new PixelRectangle(
                int.Parse(cells[i], CultureInfo.InvariantCulture), int.Parse(cells[i + 1], CultureInfo.InvariantCulture),
                int.Parse(cells[i + 2], CultureInfo.InvariantCulture), int.Parse(cells[i + 3], CultureInfo.InvariantCulture));
            if (rectangle.X < 0 || rectangle.Y < 0 || rectangle.Width <= 0 || rectangle.Height <= 0)
                throw new FormatException($"pixel rule '{text}' has an empty or negative rectangle");
            rectangles.Add(rectangle);
        }
        return new PixelCleaningRule(Any(cells[0]), Any(cells[1]), Size(cells[2]), Size(cells[3]), rectangles);
    }
}
