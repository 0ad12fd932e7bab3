using System.Diagnostics;
using MedImaging.Pipeline.Execution.Ports;
using MedImaging.Pipeline.Steps;

namespace MedImaging.Pipeline.Tests.Support;

/// <summary>
/// A renderer port backed by dcmtk (dcmj2pnm, or dcml2pnm for JPEG-LS): an independent renderer, used to
/// show the pipeline works with any implementation of the port.
/// </summary>
public sealed class DcmtkRenderer : IImageRenderer
{
    public string Extension => "png";

    public string ContentType => "image/png";

    public async Task<ReadOnlyMemory<byte>?> RenderAsync(ReadOnlyMemory<byte> dicom, CancellationToken cancellationToken)
    {
        if (!MedImaging.Dicom.DicomFile.Read(dicom, MedImaging.Dicom.DicomReadOptions.Default).Dataset.Contains(MedImaging.Dicom.DicomTag.PixelData))
            return null;
        var input = Path.Combine(Path.GetTempPath(), $"pipeline-render-{Guid.NewGuid():N}.dcm");
        var output = Path.ChangeExtension(input, ".png");
        try
        {
            await File.WriteAllBytesAsync(input, dicom.ToArray(), cancellationToken);
            foreach (var tool in new[] { "dcmj2pnm", "dcml2pnm" })
            {
                using var process = Process.Start(new ProcessStartInfo(tool, ["--write-png", input, output]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
                await process.StandardError.ReadToEndAsync(cancellationToken);
                await process.WaitForExitAsync(cancellationToken);
                if (process.ExitCode == 0 && File.Exists(output))
                    return await File.ReadAllBytesAsync(output, cancellationToken);
            }
            throw StepFailure.Permanent("unrenderable", "dcmtk could not render the instance");
        }
        finally
        {
            File.Delete(input);
            File.Delete(output);
        }
    }
}
