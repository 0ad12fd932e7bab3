using MedImaging.Pipeline.Adapters;
using MedImaging.Pipeline.Steps;
using MedImaging.Testing;

namespace MedImaging.Pipeline.Tests.Adapters;

public class DicomImageRendererTests
{
    private readonly DicomImageRenderer _renderer = new(maxSize: 4096);

    [Theory]
    [InlineData("ct_ele_14s.dcm")]
    [InlineData("cr_mono1_ele_phi.dcm")]
    [InlineData("study_knee_s2_01.dcm")]
    [InlineData("us_rgb_ele_pc1_phi.dcm")]
    public async Task Renders_a_jpeg_of_the_instance_size(string file)
    {
        var row = TestCorpus.Manifest.Single(r => r.File == file);
        var jpeg = (await _renderer.RenderAsync(File.ReadAllBytes(TestCorpus.File(file)), CancellationToken.None))!.Value;

        Assert.Equal([0xFF, 0xD8], jpeg[..2].ToArray());
        Assert.Equal([0xFF, 0xD9], jpeg[^2..].ToArray());
        Assert.Equal((row.Rows, row.Columns), FrameSize(jpeg.Span));
    }

    [Fact]
    public async Task Large_images_are_scaled_to_fit()
    {
        var jpeg = (await new DicomImageRenderer(maxSize: 256).RenderAsync(File.ReadAllBytes(TestCorpus.File("mg_jpll70_3k.dcm")), CancellationToken.None))!.Value;
        var (height, width) = FrameSize(jpeg.Span);
        Assert.Equal(256, Math.Max(height!.Value, width!.Value));
    }

    [Fact]
    public async Task No_pixel_data_renders_nothing() =>
        Assert.Null(await _renderer.RenderAsync(File.ReadAllBytes(TestCorpus.File("sr_reportsi.dcm")), CancellationToken.None));

    [Fact]
    public async Task Truncated_pixel_data_is_a_permanent_failure()
    {
        var failure = await Assert.ThrowsAsync<StepFailure>(() => _renderer.RenderAsync(File.ReadAllBytes(TestCorpus.File("broken_trunc_pixel.dcm")), CancellationToken.None));
        Assert.Equal(FailureKind.Permanent, failure.Kind);
    }

    /// <summary>Height and width from the first SOF marker of a JPEG stream.</summary>
    private static (int? Height, int? Width) FrameSize(ReadOnlySpan<byte> jpeg)
    {
        for (var i = 2; i + 8 < jpeg.Length;)
        {
            if (jpeg[i] != 0xFF) return (null, null);
            var marker = jpeg[i + 1];
            var length = (jpeg[i + 2] << 8) | jpeg[i + 3];
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
                return ((jpeg[i + 5] << 8) | jpeg[i + 6], (jpeg[i + 7] << 8) | jpeg[i + 8]);
            i += 2 + length;
        }
        return (null, null);
    }
}
