namespace MedImaging.Dicom.Imaging.Rendering;

/// <summary>Shrinks an image so its larger side is at most a limit, averaging the source area behind each output pixel.</summary>
public static class Downscaler
{
    public static RenderedImage FitWithin(RenderedImage image, int maxSize)
    {
        if (maxSize <= 0) throw new ArgumentOutOfRangeException(nameof(maxSize), "maximum size must be positive");
        var largest = Math.Max(image.Width, image.Height);
        if (largest <= maxSize) return image;
        var width = Math.Max(1, (int)Math.Round((double)image.Width * maxSize / largest));
        var height = Math.Max(1, (int)Math.Round((double)image.Height * maxSize / largest));
        var samples = image.Samples;
        var output = new byte[width * height * samples];
        var sums = new long[samples];
        for (var oy = 0; oy < height; oy++)
        {
            int y0 = (int)((long)oy * image.Height / height), y1 = Math.Max(y0 + 1, (int)((long)(oy + 1) * image.Height / height));
            for (var ox = 0; ox < width; ox++)
            {
                int x0 = (int)((long)ox * image.Width / width), x1 = Math.Max(x0 + 1, (int)((long)(ox + 1) * image.Width / width));
                Array.Clear(sums);
                for (var y = y0; y < y1; y++)
                {
                    var row = (y * image.Width + x0) * samples;
                    for (var x = x0; x < x1; x++)
                        for (var s = 0; s < samples; s++) sums[s] += image.Pixels[row++];
                }
                var area = (y1 - y0) * (x1 - x0);
                var o = (oy * width + ox) * samples;
                for (var s = 0; s < samples; s++) output[o + s] = (byte)((sums[s] + area / 2) / area);
            }
        }
        return new RenderedImage(width, height, samples, output);
    }
}
