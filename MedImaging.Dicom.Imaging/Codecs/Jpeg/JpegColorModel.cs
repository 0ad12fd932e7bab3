namespace MedImaging.Dicom.Imaging.Codecs.Jpeg;

/// <summary>
/// Whether a three-component JPEG stream holds YCbCr or RGB, decided from its own markers the way libjpeg decides it
/// (and so TurboJPEG and dcmtk's +cg): a JFIF segment means YCbCr; else an Adobe segment's transform flag (0: RGB);
/// else component ids 'R','G','B' mean RGB; anything else is taken as YCbCr. The dataset's Photometric
/// Interpretation does not enter: it describes the stream (PS3.5 8.2.1) but writers get it wrong.
/// </summary>
internal static class JpegColorModel
{
    public static bool IsRgb(JpegStream header)
    {
        var components = header.Frame!.Components;
        if (components.Count != 3 || header.SawJfif) return false;
        if (header.AdobeTransform is { } transform) return transform == 0;
        return components[0].Id == 'R' && components[1].Id == 'G' && components[2].Id == 'B';
    }
}
