using System.Globalization;

namespace MedImaging.Dicom.Values;

/// <summary>A TM value: hour, and minutes, seconds and fraction when given.</summary>
public readonly record struct DicomTime(int Hour, int? Minute, int? Second, int? Microsecond)
{
    /// <summary>Parses "HH", "HHMM", "HHMMSS", "HHMMSS.FFFFFF" and the ACR-NEMA form "HH:MM:SS.frac".</summary>
    public static bool TryParse(string text, out DicomTime time)
    {
        time = default;
        var s = text.Trim().Replace(":", "", StringComparison.Ordinal);
        var dot = s.IndexOf('.');
        var main = dot >= 0 ? s[..dot] : s;
        var fraction = dot >= 0 ? s[(dot + 1)..] : "";
        if (main.Length is not (2 or 4 or 6) || !DicomDate.IsDigits(main)) return false;
        if (fraction.Length > 6 || !DicomDate.IsDigits(fraction) || (dot >= 0 && main.Length != 6)) return false;
        var hour = DicomDate.Int(main, 0, 2);
        int? minute = main.Length >= 4 ? DicomDate.Int(main, 2, 2) : null;
        int? second = main.Length == 6 ? DicomDate.Int(main, 4, 2) : null;
        int? micro = fraction.Length > 0 ? int.Parse(fraction.PadRight(6, '0'), NumberStyles.None, CultureInfo.InvariantCulture) : null;
        // PS3.5 allows a leap second (60).
        if (hour > 23 || minute > 59 || second > 60) return false;
        time = new DicomTime(hour, minute, second, micro);
        return true;
    }

    public static DicomTime Parse(string text) =>
        TryParse(text, out var time) ? time : throw new FormatException("not a DICOM time (TM)");

    /// <summary>The time, missing parts taken as zero (a leap second becomes 59.999999).</summary>
    public TimeOnly ToTimeOnly()
    {
        var second = Second ?? 0;
        var micro = Microsecond ?? 0;
        if (second == 60) (second, micro) = (59, 999_999);
        return new TimeOnly(Hour, Minute ?? 0, second).Add(TimeSpan.FromTicks(micro * 10L));
    }

    public bool IsPartial => Second is null;
}
