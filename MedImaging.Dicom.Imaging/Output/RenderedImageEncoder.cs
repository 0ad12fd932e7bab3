using MedImaging.Dicom.Imaging.Codecs.Native;
using MedImaging.Dicom.Imaging.Rendering;

namespace MedImaging.Dicom.Imaging.Output;

/// <summary>Encodes a rendered image as PNG (our encoder) or JPEG (TurboJPEG).</summary>
public static class RenderedImageEncoder
{
    public static ImageFileFormat FormatFromPath(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".png" => ImageFileFormat.Png,
        ".jpg" or ".jpeg" => ImageFileFormat.Jpeg,
        var other => throw new ArgumentException($"output must end in .png, .jpg or .jpeg, not '{other}'"),
    };

    public static byte[] Encode(RenderedImage image, ImageFileFormat format, int quality = 90) => format switch
    {
        ImageFileFormat.Png => PngEncoder.Encode(image.Pixels, image.Width, image.Height, image.Samples),
        _ => TurboJpegEncoder.Encode(image.Pixels, image.Width, image.Height, image.Samples, quality),
    };
}
