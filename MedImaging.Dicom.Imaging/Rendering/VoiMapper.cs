namespace MedImaging.Dicom.Imaging.Rendering;

/// <summary>Maps a modality value to [0, 1] with a window (PS3.3 C.11.2.1.2), a VOI LUT, or a min-max range.</summary>
internal sealed class VoiMapper
{
    private readonly Window? _window;
    private readonly LookupTable? _lut;
    private readonly double _min, _max;

    private VoiMapper(Window? window, LookupTable? lut, double min, double max) => (_window, _lut, _min, _max) = (window, lut, min, max);

    public static VoiMapper ForWindow(Window window) => new(window, null, 0, 0);
    public static VoiMapper ForLut(LookupTable lut) => new(null, lut, 0, 0);
    public static VoiMapper ForRange(double min, double max) => new(null, null, min, max);

    /// <summary>Windows and ranges never decrease with their input; a VOI LUT may do anything.</summary>
    public bool IsMonotonic => _lut is null;

    public double Map(double x)
    {
        if (_window is { } w)
        {
            double c = w.Center, width = w.Width;
            switch (w.Function)
            {
                case VoiFunction.Sigmoid:
                    return 1 / (1 + Math.Exp(-4 * (x - c) / width));
                case VoiFunction.LinearExact:
                    if (x <= c - width / 2) return 0;
                    if (x > c + width / 2) return 1;
                    return (x - c) / width + 0.5;
                default:
                    if (width <= 1) return x <= c - 0.5 ? 0 : 1;
                    if (x <= c - 0.5 - (width - 1) / 2) return 0;
                    if (x > c - 0.5 + (width - 1) / 2) return 1;
                    return (x - (c - 0.5)) / (width - 1) + 0.5;
            }
        }
        if (_lut is { } lut) return (double)lut[(long)Math.Round(x)] / lut.MaxOutput;
        if (_max <= _min) return 0;
        return Math.Clamp((x - _min) / (_max - _min), 0, 1);
    }
}
