namespace MedImaging.Pipeline.Analysis;

/// <summary>
/// Classifies a rendered image. Implementations throw <see cref="Steps.StepFailure"/> for failures
/// so the pipeline can tell throttling (transient) from an invalid image (permanent).
/// </summary>
public interface IImageAnalyzer
{
    string Name { get; }

    /// <summary>
    /// The same request always gets the same answer, for free: the pipeline then neither stores the answer for a
    /// redelivery nor reads the image for it. False (the default) for a remote service that costs money and may
    /// answer differently the second time.
    /// </summary>
    bool IsDeterministicFromHeader => false;

    Task<AnalysisResult> AnalyzeAsync(AnalysisRequest request, CancellationToken cancellationToken);
}
