namespace MedImaging.Dicom;

/// <summary>Checked conversion of a decoded number to the type a caller asked for.</summary>
internal static class DicomNumber
{
    public static T Convert<T>(long v, DicomTag tag)
    {
        try
        {
            if (typeof(T) == typeof(int)) return (T)(object)checked((int)v);
            if (typeof(T) == typeof(long)) return (T)(object)v;
            if (typeof(T) == typeof(double)) return (T)(object)(double)v;
            if (typeof(T) == typeof(ushort)) return (T)(object)checked((ushort)v);
            if (typeof(T) == typeof(short)) return (T)(object)checked((short)v);
            if (typeof(T) == typeof(uint)) return (T)(object)checked((uint)v);
            if (typeof(T) == typeof(ulong)) return (T)(object)checked((ulong)v);
            if (typeof(T) == typeof(float)) return (T)(object)(float)v;
            if (typeof(T) == typeof(decimal)) return (T)(object)(decimal)v;
            if (typeof(T) == typeof(byte)) return (T)(object)checked((byte)v);
            if (typeof(T) == typeof(sbyte)) return (T)(object)checked((sbyte)v);
        }
        catch (OverflowException)
        {
            throw new DicomDataException($"value {v} does not fit {typeof(T).Name}", tag);
        }
        throw new DicomDataException($"cannot convert to {typeof(T).Name}", tag);
    }

    public static T Convert<T>(ulong v, DicomTag tag)
    {
        if (v <= long.MaxValue) return Convert<T>((long)v, tag);
        if (typeof(T) == typeof(ulong)) return (T)(object)v;
        if (typeof(T) == typeof(double)) return (T)(object)(double)v;
        if (typeof(T) == typeof(decimal)) return (T)(object)(decimal)v;
        throw new DicomDataException($"value does not fit {typeof(T).Name}", tag);
    }

    public static T Convert<T>(double v, DicomTag tag)
    {
        if (typeof(T) == typeof(double)) return (T)(object)v;
        if (typeof(T) == typeof(float)) return (T)(object)(float)v;
        if (typeof(T) == typeof(decimal))
        {
            try { return (T)(object)(decimal)v; }
            catch (OverflowException) { throw new DicomDataException("value does not fit decimal", tag); }
        }
        if (double.IsNaN(v) || double.IsInfinity(v) || Math.Floor(v) != v || v < long.MinValue || v > long.MaxValue)
            throw new DicomDataException($"value is not an integer, cannot convert to {typeof(T).Name}", tag);
        return Convert<T>((long)v, tag);
    }
}
