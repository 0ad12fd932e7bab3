namespace MedImaging.Pipeline.Execution.Ports;

/// <summary>Renders the first frame of a (de-identified) DICOM instance to an 8-bit web image.</summary>
public interface IImageRenderer
{
    /// <summary>The file extension of what <see cref="RenderAsync"/> writes, e.g. "jpg", known before rendering so a redelivery can skip it.</summary>
    string Extension { get; }

    string ContentType { get; }

    /// <summary>The encoded image, or null when the instance has no pixel data. Throws <see cref="Steps.StepFailure"/>.</summary>
    Task<ReadOnlyMemory<byte>?> RenderAsync(ReadOnlyMemory<byte> dicom, CancellationToken cancellationToken);

    /// <summary>As <see cref="RenderAsync(ReadOnlyMemory{byte}, CancellationToken)"/>, reusing what this run parsed of <paramref name="dicom"/>.</summary>
    Task<ReadOnlyMemory<byte>?> RenderAsync(ReadOnlyMemory<byte> dicom, RunParses parses, CancellationToken cancellationToken) =>
        RenderAsync(dicom, cancellationToken);
}
