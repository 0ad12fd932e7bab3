using System.Globalization;

namespace MedImaging.Dicom.Values;

/// <summary>A DA value: year, and month and day when given (PS3.5 allows "YYYY" and "YYYYMM" in some contexts).</summary>
public readonly record struct DicomDate(int Year, int? Month, int? Day)
{
    /// <summary>Parses "YYYYMMDD", "YYYYMM", "YYYY" and the ACR-NEMA form "YYYY.MM.DD".</summary>
    public static bool TryParse(string text, out DicomDate date)
    {
        date = default;
        var s = text.Trim().Replace(".", "", StringComparison.Ordinal);
        if (s.Length is not (4 or 6 or 8) || !IsDigits(s)) return false;
        var year = Int(s, 0, 4);
        int? month = s.Length >= 6 ? Int(s, 4, 2) : null;
        int? day = s.Length == 8 ? Int(s, 6, 2) : null;
        if (month is < 1 or > 12) return false;
        if (day is { } d && (d < 1 || d > DateTime.DaysInMonth(Math.Max(1, year), month!.Value))) return false;
        if (year < 1) return false;
        date = new DicomDate(year, month, day);
        return true;
    }

    public static DicomDate Parse(string text) =>
        TryParse(text, out var date) ? date : throw new FormatException("not a DICOM date (DA)");

    /// <summary>The date, with a missing month or day taken as the first.</summary>
    public DateOnly ToDateOnly() => new(Year, Month ?? 1, Day ?? 1);

    public bool IsPartial => Day is null;

    public string ToDicomString() => Day is { } d ? $"{Year:D4}{Month:D2}{d:D2}" : Month is { } m ? $"{Year:D4}{m:D2}" : $"{Year:D4}";

    internal static bool IsDigits(string s)
    {
        foreach (var c in s)
            if (c is < '0' or > '9') return false;
        return true;
    }

    internal static int Int(string s, int start, int length) => int.Parse(s.AsSpan(start, length), NumberStyles.None, CultureInfo.InvariantCulture);
}
