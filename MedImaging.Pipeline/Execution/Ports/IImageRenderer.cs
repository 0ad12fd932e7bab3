namespace MedImaging.Pipeline.Execution.Ports;

/// <summary>Renders the first frame of a (de-identified) DICOM instance to an 8-bit web image.</summary>
public interface IImageRenderer
{
    /// <summary>The file extension of what <see cref="RenderAsync(ReadOnlyMemory{byte}, CancellationToken)"/> writes, e.g. "jpg", known before rendering.</summary>
    string Extension { get; }

    string ContentType { get; }

    /// <summary>The encoded image, or null when the instance has no pixel data. Throws <see cref="Steps.StepFailure"/>.</summary>
    Task<ReadOnlyMemory<byte>?> RenderAsync(ReadOnlyMemory<byte> dicom, CancellationToken cancellationToken);

    /// <summary>As <see cref="RenderAsync(ReadOnlyMemory{byte}, CancellationToken)"/>, reusing what this run parsed of <paramref name="dicom"/>.</summary>
    Task<ReadOnlyMemory<byte>?> RenderAsync(ReadOnlyMemory<byte> dicom, RunParses parses, CancellationToken cancellationToken) =>
        RenderAsync(dicom, cancellationToken);

    /// <summary>
    /// As <see cref="RenderAsync(ReadOnlyMemory{byte}, RunParses, CancellationToken)"/>, for what de-identification produced
    /// (what the pipeline passes). A renderer that can should read only the frame it renders; this default writes the
    /// de-identified file into memory whole.
    /// </summary>
    Task<ReadOnlyMemory<byte>?> RenderAsync(DeidentifiedInstance dicom, RunParses parses, CancellationToken cancellationToken) =>
        RenderAsync(dicom.ToArray(), parses, cancellationToken);
}
