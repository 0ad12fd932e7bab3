using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MedImaging.Dicom.Deidentification.Dates;

/// <summary>
/// Shifts DA, DT and TM values by one offset per patient (Retain Longitudinal Temporal Information with Modified
/// Dates, PS3.15 E.3.6): <see cref="OffsetDays"/> whole days back plus <see cref="OffsetMinutes"/> minutes forward,
/// derived from the secret and the patient key, so all studies of a patient move together and every interval stays
/// exact. How each kind of value moves:
/// a DT with a time, or a DA together with its TM partner (Study Date with Study Time, ...: see
/// <see cref="ShiftDateAndTime"/>), moves by the whole offset, so the date rolls over midnight when the time does;
/// a DA without a time moves by the whole days; a TM without a date moves by the minutes, modulo 24 hours.
/// Precision is kept (a DT "2019" or "201903" shifts the first day of the period); a time given to the hour only
/// gains its minutes ("10" becomes "1037"), so the value stays exact. A value that cannot be parsed returns null:
/// the caller must then empty it, never keep it.
/// </summary>
public sealed class DateShifter
{
    public const int MinimumOffsetDays = 365;
    public const int MaximumOffsetDays = 3650;
    private const int MinutesPerDay = 24 * 60;

    public DateShifter(int offsetDays, int offsetMinutes = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offsetMinutes);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(offsetMinutes, MinutesPerDay);
        OffsetDays = offsetDays;
        OffsetMinutes = offsetMinutes;
    }

    public int OffsetDays { get; }

    /// <summary>Minutes added on top of <see cref="OffsetDays"/> (0 to 1439).</summary>
    public int OffsetMinutes { get; }

    /// <summary>
    /// From HMAC-SHA256(secret, "date-shift:" + patient key): days back between one and ten years from the first four
    /// bytes, minutes forward within a day from the next four.
    /// </summary>
    public static DateShifter ForPatient(byte[] secret, string patientKey)
    {
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes("date-shift:" + patientKey), hash);
        var span = (uint)(MaximumOffsetDays - MinimumOffsetDays + 1);
        var days = -(int)(MinimumOffsetDays + BinaryPrimitives.ReadUInt32BigEndian(hash) % span);
        var minutes = (int)(BinaryPrimitives.ReadUInt32BigEndian(hash[4..]) % MinutesPerDay);
        return new DateShifter(days, minutes);
    }

    public string? ShiftDate(string value) => ShiftMultiValued(value, ShiftDateRange);

    public string? ShiftDateTime(string value) => ShiftMultiValued(value, ShiftOneDateTime);

    /// <summary>A time without its date: moves by the minutes, modulo 24 hours (ranges "HHMM-HHMM" end by end).</summary>
    public string? ShiftTime(string value) => ShiftMultiValued(value, ShiftTimeRange);

    /// <summary>
    /// A DA and its TM partner moved together, value by value, so that the date rolls over midnight with the time.
    /// When the two cannot be paired (different counts, ranges, partial dates) each moves on its own.
    /// </summary>
    public (string? Date, string? Time) ShiftDateAndTime(string date, string time)
    {
        var dates = Values(date);
        var times = Values(time);
        if (dates.Length == 0 || dates.Length != times.Length)
            return (ShiftDate(date), ShiftTime(time));
        var shiftedDates = new string[dates.Length];
        var shiftedTimes = new string[times.Length];
        for (var i = 0; i < dates.Length; i++)
        {
            var d = dates[i].Trim();
            var t = times[i].Trim();
            if (d.Length == 0 || t.Length == 0 || ParseDay(NormalizeDate(d)) is not { } day || day.Digits != 8 || ParseTime(t) is not { } clock)
            {
                if ((d.Length == 0 ? "" : ShiftDateRange(d)) is not { } aloneDate || (t.Length == 0 ? "" : ShiftTimeRange(t)) is not { } aloneTime)
                    return (null, null);
                (shiftedDates[i], shiftedTimes[i]) = (aloneDate, aloneTime);
                continue;
            }
            if (Shift(day.Date, clock) is not { } moved)
                return (null, null);
            (shiftedDates[i], shiftedTimes[i]) = (Format(moved.Date, 8), moved.Time);
        }
        return (string.Join('\\', shiftedDates), string.Join('\\', shiftedTimes));
    }

    private static string[] Values(string value)
    {
        var trimmed = value.TrimEnd('\0', ' ');
        return trimmed.Length == 0 ? [] : trimmed.Split('\\');
    }

    private static string? ShiftMultiValued(string value, Func<string, string?> shiftOne)
    {
        var parts = Values(value);
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Trim().Length == 0)
                continue;
            if (shiftOne(parts[i].Trim()) is not { } shifted)
                return null;
            parts[i] = shifted;
        }
        return string.Join('\\', parts);
    }

    // DA ranges ("20190101-20190201", "-20190201", "20190101-") occur in query-derived attributes.
    // DT values are not treated as ranges: there a dash is the sign of a UTC offset ("...-0500").
    private string? ShiftDateRange(string value) => ShiftRange(value, ShiftOneDate);

    private string? ShiftTimeRange(string value) => ShiftRange(value, ShiftOneTime);

    private static string? ShiftRange(string value, Func<string, string?> shiftOne)
    {
        var dash = value.IndexOf('-');
        if (dash < 0)
            return shiftOne(value);
        var left = value[..dash];
        var right = value[(dash + 1)..];
        var shiftedLeft = left.Length == 0 ? "" : shiftOne(left);
        var shiftedRight = right.Length == 0 ? "" : shiftOne(right);
        return shiftedLeft is null || shiftedRight is null ? null : shiftedLeft + "-" + shiftedRight;
    }

    private string? ShiftOneDate(string value) =>
        ParseDay(NormalizeDate(value)) is { } day && AddDays(day.Date, OffsetDays) is { } shifted ? Format(shifted, day.Digits) : null;

    private string? ShiftOneTime(string value)
    {
        if (ParseTime(value) is not { } clock)
            return null;
        return FormatTime((clock.Minutes + OffsetMinutes) % MinutesPerDay, clock);
    }

    private string? ShiftOneDateTime(string value)
    {
        var suffixStart = value.IndexOfAny(['+', '-'], Math.Min(4, value.Length));
        var core = suffixStart < 0 ? value : value[..suffixStart];
        var suffix = suffixStart < 0 ? "" : value[suffixStart..];
        var dateLength = Math.Min(core.Length, 8);
        if (ParseDay(core[..dateLength]) is not { } day)
            return null;
        var time = core[dateLength..];
        if (time.Length == 0)
            return AddDays(day.Date, OffsetDays) is { } shifted ? Format(shifted, day.Digits) + suffix : null;
        if (day.Digits != 8 || time.Contains(':') || ParseTime(time) is not { } clock || Shift(day.Date, clock) is not { } moved)
            return null;
        return Format(moved.Date, 8) + moved.Time + suffix;
    }

    /// <summary>Date and time moved by the whole offset; the time keeps its precision (at least minutes).</summary>
    private (DateOnly Date, string Time)? Shift(DateOnly date, Clock clock)
    {
        var minutes = clock.Minutes + OffsetMinutes;
        var carry = minutes / MinutesPerDay;
        return AddDays(date, OffsetDays + carry) is { } shifted ? (shifted, FormatTime(minutes % MinutesPerDay, clock)) : null;
    }

    private static DateOnly? AddDays(DateOnly date, int days)
    {
        var target = (long)date.DayNumber + days;
        return target < DateOnly.MinValue.DayNumber || target > DateOnly.MaxValue.DayNumber ? null : date.AddDays(days);
    }

    // ACR-NEMA style "YYYY.MM.DD" is still found in old files; it is written back in DA form.
    private static string NormalizeDate(string value) =>
        value.Length == 10 && value[4] == '.' && value[7] == '.' ? value.Replace(".", "") : value;

    /// <summary>YYYY, YYYYMM or YYYYMMDD: the first day of the period and how many digits were given.</summary>
    private static (DateOnly Date, int Digits)? ParseDay(string digits)
    {
        if (digits.Length is not (4 or 6 or 8) || !digits.All(char.IsAsciiDigit))
            return null;
        var year = int.Parse(digits[..4], CultureInfo.InvariantCulture);
        var month = digits.Length >= 6 ? int.Parse(digits[4..6], CultureInfo.InvariantCulture) : 1;
        var day = digits.Length == 8 ? int.Parse(digits[6..8], CultureInfo.InvariantCulture) : 1;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            return null;
        return (new DateOnly(year, month, day), digits.Length);
    }

    private static string Format(DateOnly date, int digits) => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture)[..digits];

    /// <summary>A time of day: minutes since midnight, and the seconds and fraction text kept as given.</summary>
    private sealed record Clock(int Minutes, string Seconds, string Fraction, bool HoursOnly);

    /// <summary>HH[MM[SS[.F{1,6}]]], also the ACR-NEMA "HH:MM:SS" form.</summary>
    private static Clock? ParseTime(string value)
    {
        var core = value.Replace(":", "");
        var dot = core.IndexOf('.');
        var whole = dot < 0 ? core : core[..dot];
        var fraction = dot < 0 ? "" : core[dot..];
        if (whole.Length is not (2 or 4 or 6) || !whole.All(char.IsAsciiDigit) || fraction.Length > 7 || !fraction.Skip(1).All(char.IsAsciiDigit))
            return null;
        if (fraction.Length > 0 && whole.Length != 6)
            return null;
        var hours = int.Parse(whole[..2], CultureInfo.InvariantCulture);
        var minutes = whole.Length >= 4 ? int.Parse(whole[2..4], CultureInfo.InvariantCulture) : 0;
        var seconds = whole.Length == 6 ? whole[4..6] : "";
        // 60 seconds is a leap second (PS3.5 allows it); it is kept as written.
        if (hours > 23 || minutes > 59 || (seconds.Length > 0 && int.Parse(seconds, CultureInfo.InvariantCulture) > 60))
            return null;
        return new Clock(hours * 60 + minutes, seconds, fraction, whole.Length == 2);
    }

    private static string FormatTime(int minutes, Clock clock) => clock.HoursOnly && minutes % 60 == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{minutes / 60:D2}")
        : string.Create(CultureInfo.InvariantCulture, $"{minutes / 60:D2}{minutes % 60:D2}{clock.Seconds}{clock.Fraction}");
}
