using System.Globalization;

namespace MedImaging.Dicom.Values;

/// <summary>A DT value: a (partial) date, an optional (partial) time and an optional UTC offset.</summary>
public readonly record struct DicomDateTime(DicomDate Date, DicomTime? Time, TimeSpan? Offset)
{
    /// <summary>Parses "YYYY[MM[DD[HH[MM[SS[.F{1-6}]]]]]][&amp;ZZXX]".</summary>
    public static bool TryParse(string text, out DicomDateTime value)
    {
        value = default;
        var s = text.Trim();
        TimeSpan? offset = null;
        var sign = s.IndexOfAny(['+', '-'], Math.Min(4, s.Length));
        if (sign >= 0)
        {
            var zone = s[(sign + 1)..];
            if (zone.Length != 4 || !DicomDate.IsDigits(zone)) return false;
            var span = new TimeSpan(DicomDate.Int(zone, 0, 2), DicomDate.Int(zone, 2, 2), 0);
            if (span > TimeSpan.FromHours(14)) return false;
            offset = s[sign] == '-' ? -span : span;
            s = s[..sign];
        }
        var dot = s.IndexOf('.');
        var digits = dot >= 0 ? dot : s.Length;
        if (digits < 4) return false;
        var dateLength = Math.Min(digits, 8);
        if (dateLength is 5 or 7 || !DicomDate.TryParse(s[..dateLength], out var date)) return false;
        DicomTime? time = null;
        if (s.Length > dateLength)
        {
            if (dateLength != 8 || !DicomTime.TryParse(s[8..], out var parsed)) return false;
            time = parsed;
        }
        value = new DicomDateTime(date, time, offset);
        return true;
    }

    public static DicomDateTime Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException("not a DICOM date time (DT)");

    public DateTime ToDateTime() => Date.ToDateOnly().ToDateTime(Time?.ToTimeOnly() ?? TimeOnly.MinValue,
        Offset is null ? DateTimeKind.Unspecified : DateTimeKind.Utc) - (Offset ?? TimeSpan.Zero);

    /// <summary>As an instant; without an offset in the value, <paramref name="defaultOffset"/> (e.g. from Timezone Offset From UTC).</summary>
    public DateTimeOffset ToDateTimeOffset(TimeSpan defaultOffset = default) =>
        new(Date.ToDateOnly().ToDateTime(Time?.ToTimeOnly() ?? TimeOnly.MinValue), Offset ?? defaultOffset);

    public override string ToString() => ToDateTimeOffset().ToString("o", CultureInfo.InvariantCulture);
}
