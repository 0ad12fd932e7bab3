namespace MedImaging.Dicom.Values;

/// <summary>Converts DA, TM and DT text to the .NET or DICOM date type a caller asks for.</summary>
internal static class DicomTemporalValue
{
    public static bool TryConvert<T>(string text, DicomVR vr, out T value)
    {
        try
        {
            return Convert(text, vr, out value);
        }
        catch (FormatException)
        {
            throw new DicomDataException($"value is not a valid {vr.Code}");
        }
    }

    private static bool Convert<T>(string text, DicomVR vr, out T value)
    {
        value = default!;
        if (typeof(T) == typeof(DicomDate)) return Box(DicomDate.Parse(text), out value);
        if (typeof(T) == typeof(DicomTime)) return Box(DicomTime.Parse(text), out value);
        if (typeof(T) == typeof(DicomDateTime)) return Box(DicomDateTime.Parse(text), out value);
        if (typeof(T) == typeof(DateOnly))
            return Box(vr == DicomVR.DT ? DateOnly.FromDateTime(DicomDateTime.Parse(text).ToDateTimeOffset().DateTime) : DicomDate.Parse(text).ToDateOnly(), out value);
        if (typeof(T) == typeof(TimeOnly))
            return Box(vr == DicomVR.DT ? TimeOnly.FromDateTime(DicomDateTime.Parse(text).ToDateTimeOffset().DateTime) : DicomTime.Parse(text).ToTimeOnly(), out value);
        if (typeof(T) == typeof(DateTime))
        {
            if (vr == DicomVR.DA) return Box(DicomDate.Parse(text).ToDateOnly().ToDateTime(TimeOnly.MinValue), out value);
            if (vr == DicomVR.TM) return Box(DateTime.MinValue.Add(DicomTime.Parse(text).ToTimeOnly().ToTimeSpan()), out value);
            return Box(DicomDateTime.Parse(text).ToDateTimeOffset().DateTime, out value);
        }
        if (typeof(T) == typeof(DateTimeOffset)) return Box(DicomDateTime.Parse(text).ToDateTimeOffset(), out value);
        return false;
    }

    private static bool Box<TValue, T>(TValue input, out T value)
    {
        value = (T)(object)input!;
        return true;
    }
}
