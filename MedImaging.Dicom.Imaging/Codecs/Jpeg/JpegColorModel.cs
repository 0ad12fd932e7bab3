namespace MedImaging.Dicom.Imaging.Codecs.Jpeg;

/// <summary>
/// Whether a three-component lossy JPEG stream holds RGB or YCbCr. Its own markers decide first, as in libjpeg: a JFIF
/// segment means YCbCr; else an Adobe segment's transform flag (0: RGB); else component ids 1, 2, 3 mean YCbCr and
/// 'R','G','B' mean RGB. Where the stream says nothing (other ids, no marker) libjpeg guesses YCbCr, but the dataset's
/// Photometric Interpretation is the better witness there (PS3.5 8.2.1: it describes the stream; dcmtk follows it):
/// an RGB tile stored without colour transform under ids 0, 1, 2 is common in whole-slide images.
/// </summary>
internal static class JpegColorModel
{
    public static bool IsRgb(JpegStream header, string photometric) =>
        FromMarkers(header) ?? photometric == "RGB";

    /// <summary>What libjpeg (and so TurboJPEG) decides by itself: the markers, else YCbCr.</summary>
    public static bool LibjpegDecodesAsRgb(JpegStream header) => FromMarkers(header) ?? false;

    private static bool? FromMarkers(JpegStream header)
    {
        var components = header.Frame!.Components;
        if (components.Count != 3 || header.SawJfif) return false;
        if (header.AdobeTransform is { } transform) return transform == 0;
        var (a, b, c) = (components[0].Id, components[1].Id, components[2].Id);
        if (a == 1 && b == 2 && c == 3) return false;
        if (a == 'R' && b == 'G' && c == 'B') return true;
        return null;
    }
}
