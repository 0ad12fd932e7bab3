using MedImaging.Dicom.Imaging.Pixels;

namespace MedImaging.Dicom.Imaging.Rendering;

/// <summary>Decodes one frame and renders it to an 8-bit grey or RGB image.</summary>
public static class ImageRenderer
{
    public static RenderedImage Render(DicomPixelData pixelData, RenderOptions options)
    {
        var frame = pixelData.DecodeFrame(options.Frame);
        var image = Render(frame, pixelData.Dataset, options);
        return options.MaxSize is { } max ? Downscaler.FitWithin(image, max) : image;
    }

    public static RenderedImage Render(DecodedFrame frame, DicomDataset dataset, RenderOptions options)
    {
        var format = frame.Format;
        if (format.Photometric is "MONOCHROME1" or "MONOCHROME2" || format.SamplesPerPixel == 1 && format.Photometric != "PALETTE COLOR")
        {
            var transforms = GrayscaleTransforms.Read(dataset, options.Frame, format.IsSigned, format.Photometric);
            return new RenderedImage(format.Columns, format.Rows, 1, GrayscaleRenderer.Render(frame, transforms, options.WindowOrDefault));
        }
        return new RenderedImage(format.Columns, format.Rows, 3, ColorRenderer.Render(frame, dataset));
    }
}
