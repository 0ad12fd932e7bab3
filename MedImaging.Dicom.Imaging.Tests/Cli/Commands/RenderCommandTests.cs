using MedImaging.Cli;
using MedImaging.Dicom.Imaging.Codecs.Jpeg;
using MedImaging.Dicom.Imaging.Output;
using MedImaging.Dicom.Imaging.Pixels;
using MedImaging.Dicom.Imaging.Rendering;
using MedImaging.Dicom.Imaging.Tests.Oracles;
using MedImaging.Testing;

namespace MedImaging.Dicom.Imaging.Tests.Cli.Commands;

/// <summary>`medimaging render`: outputs and exit codes (0 done, 2 file error as in `dump`, 64 usage error).</summary>
public class RenderCommandTests
{
    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CommandLine.Run(["render", .. args], output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Png_output_is_the_rendering_of_the_requested_frame_and_window()
    {
        using var scratch = new TempDirectory();
        var output = scratch.File("frame.png");
        var source = TestCorpus.File("us_ybr422_jpeg50_mf30.dcm");

        var (code, _, error) = Run(source, "-o", output, "--frame", "30", "--window", "minmax");

        Assert.Equal((0, ""), (code, error));
        var expected = ImageRenderer.Render(DicomPixelData.Create(MedImaging.Dicom.DicomFile.Open(source)), new RenderOptions(29, new WindowChoice.MinMax()));
        Assert.Equal(PngEncoder.Encode(expected.Pixels, expected.Width, expected.Height, expected.Samples), File.ReadAllBytes(output));
    }

    [Fact]
    public void Jpeg_output_honours_max_size_and_quality()
    {
        using var scratch = new TempDirectory();
        var high = scratch.File("high.jpg");
        var low = scratch.File("low.jpeg");
        var source = TestCorpus.File("ct_ele_14s.dcm");

        Assert.Equal(0, Run(source, "-o", high, "--max-size", "200", "--quality", "95", "--window", "40,400").Code);
        Assert.Equal(0, Run(source, "-o", low, "--max-size", "200", "--quality", "10", "--window", "40,400").Code);

        var header = JpegStream.ReadFrameHeader(File.ReadAllBytes(high));
        Assert.Equal((200, 200, 1), (header.Width, header.Height, header.Components.Count));
        Assert.True(new FileInfo(low).Length < new FileInfo(high).Length, "quality 10 should give a smaller JPEG than quality 95");
    }

    [Theory]
    [InlineData("--frame", "0")]
    [InlineData("--quality", "101")]
    [InlineData("--max-size", "-5")]
    [InlineData("--window", "40,0")]
    [InlineData("--window", "bright")]
    [InlineData("--colour", "x")]
    public void Bad_options_are_usage_errors(string option, string value)
    {
        using var scratch = new TempDirectory();
        var (code, _, error) = Run(TestCorpus.File("ct_ele_14s.dcm"), "-o", scratch.File("out.png"), option, value);

        Assert.Equal(CommandLine.UsageError, code);
        Assert.Contains("usage: medimaging render", error);
        Assert.False(File.Exists(scratch.File("out.png")));
    }

    [Fact]
    public void Missing_output_or_unknown_extension_is_a_usage_error()
    {
        using var scratch = new TempDirectory();
        Assert.Equal(CommandLine.UsageError, Run(TestCorpus.File("ct_ele_14s.dcm")).Code);
        var (code, _, error) = Run(TestCorpus.File("ct_ele_14s.dcm"), "-o", scratch.File("out.bmp"));
        Assert.Equal(CommandLine.UsageError, code);
        Assert.Contains(".bmp", error);
    }

    [Theory]
    [InlineData("/nonexistent.dcm", "no such file")]
    [InlineData("broken_garbage.dcm", "")]
    [InlineData("sr_reportsi.dcm", "Pixel Data")]
    [InlineData("broken_trunc_pixel.dcm", "")]
    public void Unreadable_or_imageless_files_are_file_errors(string file, string reason)
    {
        using var scratch = new TempDirectory();
        var path = file.StartsWith('/') ? file : TestCorpus.File(file);

        var (code, _, error) = Run(path, "-o", scratch.File("out.png"));

        Assert.Equal(FileBatch.FileError, code);
        Assert.StartsWith($"error: {path}: ", error);
        Assert.Contains(reason, error);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(File.Exists(scratch.File("out.png")));
    }

    [Fact]
    public void A_frame_past_the_last_or_a_missing_window_is_a_file_error()
    {
        using var scratch = new TempDirectory();
        var pastLast = Run(TestCorpus.File("us_ybr422_jpeg50_mf30.dcm"), "-o", scratch.File("a.png"), "--frame", "31");
        var noWindow = Run(TestCorpus.File("pt_jpll70_16s.dcm"), "-o", scratch.File("b.png"), "--window", "file");

        Assert.Equal(FileBatch.FileError, pastLast.Code);
        Assert.Contains("frame 31", pastLast.Error);
        Assert.Equal(FileBatch.FileError, noWindow.Code);
        Assert.Contains("no window", noWindow.Error);
    }
}
