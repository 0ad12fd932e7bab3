using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MedImaging.Dicom.Deidentification.Dates;

/// <summary>
/// Shifts DA, DT and TM values by one whole-day offset per patient (Retain Longitudinal Temporal
/// Information with Modified Dates, PS3.15 E.3.6). The offset is derived from the secret and the patient
/// key, so all studies of a patient move together. Because the offset is a whole number of days, every
/// interval stays exact, also between a DA and a TM stored in separate attributes: a TM (time of day) is
/// therefore unchanged, and a DT keeps its time and UTC offset suffix. Partial values keep their precision
/// (a DT "2019" or "201903" shifts the first day of the period). A value that cannot be parsed returns null:
/// the caller must then empty it, never keep it.
/// </summary>
public sealed class DateShifter(int offsetDays)
{
    public const int MinimumOffsetDays = 365;
    public const int MaximumOffsetDays = 3650;

    public int OffsetDays { get; } = offsetDays;

    /// <summary>A negative offset between one and ten years, from HMAC-SHA256(secret, "date-shift:" + patient key).</summary>
    public static DateShifter ForPatient(byte[] secret, string patientKey)
    {
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes("date-shift:" + patientKey), hash);
        var span = (uint)(MaximumOffsetDays - MinimumOffsetDays + 1);
        return new DateShifter(-(int)(MinimumOffsetDays + BinaryPrimitives.ReadUInt32BigEndian(hash) % span));
    }

    public string? ShiftDate(string value) => ShiftMultiValued(value, ShiftDateRange);

    public string? ShiftDateTime(string value) => ShiftMultiValued(value, ShiftOneDateTime);

    /// <summary>Times of day do not move under a whole-day shift; the value is only checked.</summary>
    public string? ShiftTime(string value) => ShiftMultiValued(value, v => IsTime(v) ? v : null);

    private static string? ShiftMultiValued(string value, Func<string, string?> shiftOne)
    {
        var trimmed = value.TrimEnd('\0', ' ');
        if (trimmed.Length == 0)
            return trimmed;
        var parts = trimmed.Split('\\');
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
    private string? ShiftDateRange(string value)
    {
        var dash = value.IndexOf('-');
        if (dash < 0)
            return ShiftOneDate(value);
        var left = value[..dash];
        var right = value[(dash + 1)..];
        var shiftedLeft = left.Length == 0 ? "" : ShiftOneDate(left);
        var shiftedRight = right.Length == 0 ? "" : ShiftOneDate(right);
        return shiftedLeft is null || shiftedRight is null ? null : shiftedLeft + "-" + shiftedRight;
    }

    private string? ShiftOneDate(string value)
    {
        // ACR-NEMA style "YYYY.MM.DD" is still found in old files; it is written back in DA form.
        var digits = value.Length == 10 && value[4] == '.' && value[7] == '.' ? value.Replace(".", "") : value;
        return ShiftDigits(digits);
    }

    private string? ShiftOneDateTime(string value)
    {
        var suffixStart = value.IndexOfAny(['+', '-'], Math.Min(4, value.Length));
        var core = suffixStart < 0 ? value : value[..suffixStart];
        var suffix = suffixStart < 0 ? "" : value[suffixStart..];
        var dateLength = Math.Min(core.Length, 8);
        var shifted = ShiftDigits(core[..dateLength]);
        var time = core[dateLength..];
        return shifted is null || !IsTime(time.Length == 0 ? "00" : time) ? null : shifted + time + suffix;
    }

    // YYYY, YYYYMM or YYYYMMDD: shift the first day of the period, keep the precision.
    private string? ShiftDigits(string digits)
    {
        if (digits.Length is not (4 or 6 or 8) || !digits.All(char.IsAsciiDigit))
            return null;
        var year = int.Parse(digits[..4], CultureInfo.InvariantCulture);
        var month = digits.Length >= 6 ? int.Parse(digits[4..6], CultureInfo.InvariantCulture) : 1;
        var day = digits.Length == 8 ? int.Parse(digits[6..8], CultureInfo.InvariantCulture) : 1;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            return null;
        var date = new DateOnly(year, month, day);
        if (date.DayNumber + OffsetDays < DateOnly.MinValue.DayNumber || date.DayNumber + OffsetDays > DateOnly.MaxValue.DayNumber)
            return null;
        return date.AddDays(OffsetDays).ToString("yyyyMMdd", CultureInfo.InvariantCulture)[..digits.Length];
    }

    private static bool IsTime(string value)
    {
        // HH[MM[SS[.F{1,6}]]], also the ACR-NEMA "HH:MM:SS" form.
        var core = value.Replace(":", "");
        var dot = core.IndexOf('.');
        var whole = dot < 0 ? core : core[..dot];
        var fraction = dot < 0 ? "" : core[(dot + 1)..];
        return whole.Length is 2 or 4 or 6 && whole.All(char.IsAsciiDigit) && fraction.Length <= 6 && fraction.All(char.IsAsciiDigit);
    }
}
