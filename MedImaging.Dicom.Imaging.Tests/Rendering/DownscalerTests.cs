using MedImaging.Dicom.Imaging.Pixels;
using MedImaging.Dicom.Imaging.Rendering;
using MedImaging.Testing;

namespace MedImaging.Dicom.Imaging.Tests.Rendering;

public class DownscalerTests
{
    [Fact]
    public void Halving_averages_each_two_by_two_block()
    {
        byte[] pixels =
        [
            0, 10, 100, 101,
            20, 30, 102, 103,
            255, 255, 0, 0,
            255, 254, 0, 1,
        ];
        var small = Downscaler.FitWithin(new RenderedImage(4, 4, 1, pixels), 2);

        Assert.Equal((2, 2, 1), (small.Width, small.Height, small.Samples));
        Assert.Equal(new byte[] { 15, 102, 255, 0 }, small.Pixels); // (60/4), (406/4 = 101.5 rounds up), (1019/4 = 254.75), (1/4)
    }

    [Fact]
    public void Rgb_channels_are_averaged_separately()
    {
        byte[] pixels = [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255];
        var small = Downscaler.FitWithin(new RenderedImage(2, 2, 3, pixels), 1);

        Assert.Equal(new byte[] { 128, 128, 128 }, small.Pixels); // each channel: 510 / 4 = 127.5, rounded up
    }

    [Fact]
    public void Uneven_ratio_keeps_the_aspect_and_averages_instead_of_sampling()
    {
        // A one-pixel checkerboard: point sampling would give 0 or 255, an area average stays near mid-grey
        // (a 2x2 or 2x3 bin averages 127.5, a 3x3 bin 4 or 5 of 9 whites: 113 or 142).
        var checkerboard = new byte[300 * 200];
        for (var y = 0; y < 200; y++)
            for (var x = 0; x < 300; x++) checkerboard[y * 300 + x] = (byte)((x + y) % 2 * 255);
        var small = Downscaler.FitWithin(new RenderedImage(300, 200, 1, checkerboard), 128);

        Assert.Equal((128, 85), (small.Width, small.Height)); // 200 * 128 / 300 = 85.3
        Assert.All(small.Pixels, p => Assert.InRange(p, (byte)113, (byte)142));
        var flat = Downscaler.FitWithin(new RenderedImage(300, 200, 1, Enumerable.Repeat((byte)77, 300 * 200).ToArray()), 128);
        Assert.All(flat.Pixels, p => Assert.Equal(77, p));
    }

    [Fact]
    public void An_image_within_the_limit_is_returned_unchanged()
    {
        var image = new RenderedImage(64, 32, 1, new byte[64 * 32]);
        Assert.Same(image, Downscaler.FitWithin(image, 64));
        Assert.Throws<ArgumentOutOfRangeException>(() => Downscaler.FitWithin(image, 0));
    }

    [Fact]
    public void Rendering_with_max_size_downscales_the_full_rendering()
    {
        var pixels = DicomPixelData.Create(MedImaging.Dicom.DicomFile.Open(TestCorpus.File("ct_ele_14s.dcm")));
        var full = ImageRenderer.Render(pixels, new RenderOptions());
        var limited = ImageRenderer.Render(pixels, new RenderOptions(MaxSize: 100));

        Assert.Equal((512, 512), (full.Width, full.Height));
        Assert.Equal((100, 100), (limited.Width, limited.Height));
        Assert.Equal(Downscaler.FitWithin(full, 100).Pixels, limited.Pixels);
    }
}
