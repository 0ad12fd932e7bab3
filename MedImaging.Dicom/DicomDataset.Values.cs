using System.Diagnostics.CodeAnalysis;

namespace MedImaging.Dicom;

/// <summary>Typed reading and writing of element values, using this dataset's character set.</summary>
public partial class DicomDataset
{
    public string GetString(DicomTag tag) => RequireElement(tag).GetString(CharacterSet);

    public string[] GetStrings(DicomTag tag) => RequireElement(tag).GetStrings(CharacterSet);

    public bool TryGetString(DicomTag tag, [NotNullWhen(true)] out string? value)
    {
        if (TryGetElement(tag, out var element))
        {
            value = element.GetString(CharacterSet);
            return true;
        }
        value = null;
        return false;
    }

    public string? GetStringOrDefault(DicomTag tag, string? defaultValue = null) =>
        TryGetString(tag, out var value) ? value : defaultValue;

    public T GetValue<T>(DicomTag tag, int index = 0)
    {
        var element = RequireElement(tag);
        if (typeof(T) == typeof(string) && element.VR.IsString) return (T)(object)element.GetStrings(CharacterSet)[index];
        return element.GetValue<T>(index);
    }

    public T[] GetValues<T>(DicomTag tag)
    {
        var element = RequireElement(tag);
        if (typeof(T) == typeof(string) && element.VR.IsString) return (T[])(object)element.GetStrings(CharacterSet);
        return element.GetValues<T>();
    }

    public bool TryGetValue<T>(DicomTag tag, int index, out T value)
    {
        if (TryGetElement(tag, out var element) && index < element.Count)
        {
            try
            {
                value = typeof(T) == typeof(string) && element.VR.IsString
                    ? (T)(object)element.GetStrings(CharacterSet)[index]
                    : element.GetValue<T>(index);
                return true;
            }
            catch (DicomDataException)
            {
            }
        }
        value = default!;
        return false;
    }

    public T GetValueOrDefault<T>(DicomTag tag, int index, T defaultValue) =>
        TryGetValue<T>(tag, index, out var value) ? value : defaultValue;

    /// <summary>The single value, or the default when absent, empty or not convertible.</summary>
    public T GetSingleValueOrDefault<T>(DicomTag tag, T defaultValue) => GetValueOrDefault(tag, 0, defaultValue);

    public DicomSequence? GetSequence(DicomTag tag) => GetDicomItem<DicomSequence>(tag);

    /// <summary>Sets text values with the VR from the dictionary.</summary>
    public DicomDataset AddOrUpdate(DicomTag tag, params string[] values) => AddOrUpdate(DefaultVR(tag), tag, values);

    public DicomDataset AddOrUpdate(DicomVR vr, DicomTag tag, params string[] values) =>
        AddOrUpdate(DicomElementFactory.FromStrings(tag, vr, values, CharacterSet));

    /// <summary>Sets numeric values with the VR from the dictionary (binary or IS/DS text).</summary>
    public DicomDataset AddOrUpdate<T>(DicomTag tag, params T[] values) where T : struct => AddOrUpdate(DefaultVR(tag), tag, values);

    public DicomDataset AddOrUpdate<T>(DicomVR vr, DicomTag tag, params T[] values) where T : struct =>
        AddOrUpdate(DicomElementFactory.FromValues(tag, vr, values, CharacterSet));

    private static DicomVR DefaultVR(DicomTag tag) =>
        DicomDictionary.TryGetImplicitVR(tag.Value, out var vr) ? vr : DicomDictionary.Default[tag].DefaultVR;

    private DicomElement RequireElement(DicomTag tag) =>
        GetDicomItem(tag) switch
        {
            DicomElement element => element,
            null => throw new DicomDataException("tag not present", tag),
            _ => throw new DicomDataException("not a plain element", tag),
        };
}
