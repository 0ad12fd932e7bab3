using MedImaging.Dicom;
using MedImaging.Dicom.Imaging.Codecs;
using MedImaging.Dicom.Imaging.Codecs.Native;
using MedImaging.Dicom.Imaging.Output;
using MedImaging.Dicom.Imaging.Pixels;
using MedImaging.Dicom.Imaging.Rendering;

namespace MedImaging.Cli.Commands;

/// <summary>`medimaging render FILE -o OUT.png|OUT.jpg`: one frame to an 8-bit image.</summary>
public sealed class RenderCommand : ICliCommand
{
    public string Name => "render";
    public string Usage => "FILE -o OUT.png|OUT.jpg [--frame N] [--window C,W|minmax|file] [--max-size PX] [--quality Q]";
    public string Description => "render one frame (default 1) to PNG or JPEG through the modality and VOI LUTs";

    public int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var parsed = RenderArguments.Parse(args, out var problem);
        if (parsed is null)
        {
            error.WriteLine($"error: {problem}");
            error.WriteLine($"usage: medimaging {Name} {Usage}");
            return CommandLine.UsageError;
        }
        ImageFileFormat format;
        try { format = RenderedImageEncoder.FormatFromPath(parsed.Output); }
        catch (ArgumentException e)
        {
            error.WriteLine($"error: {e.Message}");
            return CommandLine.UsageError;
        }

        return FileBatch.Run([parsed.Input], error, path =>
        {
            try
            {
                var file = DicomFile.Open(path);
                var pixels = DicomPixelData.Create(file);
                var image = ImageRenderer.Render(pixels, new RenderOptions(parsed.Frame - 1, parsed.Window, parsed.MaxSize));
                File.WriteAllBytes(parsed.Output, RenderedImageEncoder.Encode(image, format, parsed.Quality));
            }
            catch (Exception e) when (e is PixelDataException or CodecException or NativeCodecMissingException)
            {
                throw new NotSupportedException(e.Message, e); // reported by FileBatch as "error: FILE: reason"
            }
        });
    }
}
