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
/// <paramref name="maxSize"/>, written as JPEG for viewing and analysis. Only the first frame's bytes are read and decoded.
/// </summary>
public sealed class DicomImageRenderer(int maxSize = 1024, int quality = 90) : IImageRenderer
{
    public string Extension => "jpg";

    public string ContentType => "image/jpeg";

    public Task<ReadOnlyMemory<byte>?> RenderAsync(ReadOnlyMemory<byte> dicom, CancellationToken cancellationToken) =>
        RenderAsync(dicom, new RunParses(), cancellationToken);

    public Task<ReadOnlyMemory<byte>?> RenderAsync(ReadOnlyMemory<byte> dicom, RunParses parses, CancellationToken cancellationToken) =>
        Render(() => parses.GetOrAdd(dicom, DicomDeidentifyStep.WrittenFileParse, bytes => DicomFile.Read(bytes)));

    /// <remarks>What de-identification made in this run is rendered from its dataset in memory, never written out first.</remarks>
    public Task<ReadOnlyMemory<byte>?> RenderAsync(DeidentifiedInstance dicom, RunParses parses, CancellationToken cancellationToken) =>
        Render(() => parses.Find<DicomFile>(dicom.WriteTo, DicomDeidentifyStep.WrittenFileParse) ?? DicomFile.Read(dicom.ToArray()));

    private Task<ReadOnlyMemory<byte>?> Render(Func<DicomFile> file)
    {
        try
        {
            var dataset = file();
            if (!dataset.Dataset.Contains(DicomTag.PixelData))
                return Task.FromResult<ReadOnlyMemory<byte>?>(null);
            var image = ImageRenderer.Render(DicomPixelData.Create(dataset), new RenderOptions(MaxSize: maxSize));
            return Task.FromResult<ReadOnlyMemory<byte>?>(RenderedImageEncoder.Encode(image, ImageFileFormat.Jpeg, quality));
        }
        catch (Exception e) when (e is DicomFormatException or DicomDataException or PixelDataException or CodecException)
        {
            throw StepFailure.Permanent("unrenderable", e.Message, e);
        }
    }
}
