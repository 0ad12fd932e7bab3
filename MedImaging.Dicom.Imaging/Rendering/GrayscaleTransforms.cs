using System.Globalization;

namespace MedImaging.Dicom.Imaging.Rendering;

/// <summary>A window from the file or the command line.</summary>
public sealed record Window(double Center, double Width, VoiFunction Function);

/// <summary>
/// The grayscale attributes that apply to one frame: modality rescale or LUT, windows, VOI LUT,
/// Presentation LUT Shape. Enhanced multi-frame functional groups (per-frame, then shared) override the top level.
/// </summary>
public sealed record GrayscaleTransforms(double Slope, double Intercept, LookupTable? ModalityLut, IReadOnlyList<Window> Windows, LookupTable? VoiLut, bool Inverse,
    VoiFunction Function = VoiFunction.Linear)
{
    public static GrayscaleTransforms Read(DicomDataset dataset, int frame, bool signed, string photometric)
    {
        var sources = FunctionalGroups(dataset, frame).Append(dataset).ToList();

        double slope = 1, intercept = 0;
        LookupTable? modalityLut = null;
        var rescale = sources.Select(s => Item(s, DicomTag.PixelValueTransformationSequence) ?? (s == dataset ? s : null))
            .FirstOrDefault(s => s is not null && s.Contains(DicomTag.RescaleSlope));
        if (rescale is not null)
        {
            slope = rescale.GetValueOrDefault(DicomTag.RescaleSlope, 0, 1.0);
            intercept = rescale.GetValueOrDefault(DicomTag.RescaleIntercept, 0, 0.0);
            if (slope == 0 || !double.IsFinite(slope) || !double.IsFinite(intercept)) (slope, intercept) = (1, 0);
        }
        else if (Item(dataset, DicomTag.ModalityLUTSequence) is { } modality)
            modalityLut = LookupTable.Read(modality, DicomTag.LUTDescriptor, DicomTag.LUTData, signedInput: signed);

        var voiSource = sources.Select(s => Item(s, DicomTag.FrameVOILUTSequence) ?? (s == dataset ? s : null))
            .FirstOrDefault(s => s is not null && s.Contains(DicomTag.WindowCenter)) ?? dataset;
        var function = ReadFunction(voiSource);
        var windows = ReadWindows(voiSource, function);
        var voiLut = Item(dataset, DicomTag.VOILUTSequence) is { } voi ? LookupTable.Read(voi, DicomTag.LUTDescriptor, DicomTag.LUTData, signedInput: true) : null;

        var inverse = photometric == "MONOCHROME1" || dataset.GetStringOrDefault(DicomTag.PresentationLUTShape)?.Trim() == "INVERSE";
        return new GrayscaleTransforms(slope, intercept, modalityLut, windows, voiLut, inverse, function);
    }

    private static IEnumerable<DicomDataset> FunctionalGroups(DicomDataset dataset, int frame)
    {
        if (dataset.GetSequence(DicomTag.PerFrameFunctionalGroupsSequence) is { } perFrame && frame < perFrame.Items.Count)
            yield return perFrame.Items[frame];
        if (dataset.GetSequence(DicomTag.SharedFunctionalGroupsSequence) is { Items.Count: > 0 } shared)
            yield return shared.Items[0];
    }

    private static DicomDataset? Item(DicomDataset dataset, DicomTag sequence) =>
        dataset.GetSequence(sequence) is { Items.Count: > 0 } s ? s.Items[0] : null;

    private static VoiFunction ReadFunction(DicomDataset source) => (source.GetStringOrDefault(DicomTag.VOILUTFunction) ?? "LINEAR").Trim() switch
    {
        "LINEAR_EXACT" => VoiFunction.LinearExact,
        "SIGMOID" => VoiFunction.Sigmoid,
        _ => VoiFunction.Linear,
    };

    private static List<Window> ReadWindows(DicomDataset source, VoiFunction function)
    {
        var windows = new List<Window>();
        if (!source.TryGetElement(DicomTag.WindowCenter, out _) || !source.TryGetElement(DicomTag.WindowWidth, out _)) return windows;
        var centers = source.GetStrings(DicomTag.WindowCenter);
        var widths = source.GetStrings(DicomTag.WindowWidth);
        for (var i = 0; i < Math.Min(centers.Length, widths.Length); i++)
            if (double.TryParse(centers[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var c)
                && double.TryParse(widths[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var w)
                && double.IsFinite(c) && double.IsFinite(w) && w >= (function == VoiFunction.Linear ? 1 : double.Epsilon))
                windows.Add(new Window(c, w, function));
        return windows;
    }

    public double Modality(long stored) => ModalityLut is { } lut ? lut[stored] : stored * Slope + Intercept;
}
