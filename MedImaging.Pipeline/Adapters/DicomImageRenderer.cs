using MedImaging.Dicom;
using MedImaging.Dicom.Imaging.Codecs;
using MedImaging.Dicom.Imaging.Output;
using MedImaging.Dicom.Imaging.Pixels;
using MedImaging.Dicom.Imaging.Rendering;
using MedImaging.Pipeline.Execution.Ports;
using MedImaging.Pipeline.Steps;

namespace MedImaging.Pipeline.Adapters;

/// <summary>
/// The render step over MedImaging.Dicom.Imaging: first frame, modality and VOI LUTs applied, scaled to fit
/// <paramref name="maxSize"/>, written as JPEG for viewing and analysis.
/// </summary>
public sealed class DicomImageRenderer(int maxSize = 1024, int quality = 90) : IImageRenderer
{
    public string Extension => "jpg";

    public string ContentType => "image/jpeg";

    public Task<ReadOnlyMemory<byte>?> RenderAsync(ReadOnlyMemory<byte> dicom, CancellationToken cancellationToken) =>
        RenderAsync(dicom, new RunParses(), cancellationToken);

    /// <remarks>The file de-identification just wrote is rendered from its dataset in memory rather than parsed again.</remarks>
    public Task<ReadOnlyMemory<byte>?> RenderAsync(ReadOnlyMemory<byte> dicom, RunParses parses, CancellationToken cancellationToken)
    {
        try
        {
            var file = parses.GetOrAdd(dicom, DicomDeidentifyStep.WrittenFileParse, bytes => DicomFile.Read(bytes));
            if (!file.Dataset.Contains(DicomTag.PixelData))
                return Task.FromResult<ReadOnlyMemory<byte>?>(null);
            var image = ImageRenderer.Render(DicomPixelData.Create(file), new RenderOptions(MaxSize: maxSize));
            return Task.FromResult<ReadOnlyMemory<byte>?>(RenderedImageEncoder.Encode(image, ImageFileFormat.Jpeg, quality));
        }
        catch (Exception e) when (e is DicomFormatException or DicomDataException or PixelDataException or CodecException)
        {
            throw StepFailure.Permanent("unrenderable", e.Message, e);
        }
    }
}
