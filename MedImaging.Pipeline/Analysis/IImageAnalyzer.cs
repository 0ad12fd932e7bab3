namespace MedImaging.Pipeline.Analysis;

/// <summary>
/// Classifies a rendered image. Implementations throw <see cref="Steps.StepFailure"/> for failures
/// so the pipeline can tell throttling (transient) from an invalid image (permanent).
/// </summary>
public interface IImageAnalyzer
{
    string Name { get; }

    Task<AnalysisResult> AnalyzeAsync(AnalysisRequest request, CancellationToken cancellationToken);
}
