namespace MedImaging.Pipeline.Steps;

/// <summary>The per-instance steps, in the order the study grain runs them.</summary>
public enum PipelineStep
{
    Validate,
    ExtractMetadata,
    Deidentify,
    Render,
    Analyze,
    Route,
    Publish,
}

public static class PipelineSteps
{
    public static IReadOnlyList<PipelineStep> InOrder { get; } = Enum.GetValues<PipelineStep>();

    /// <summary>The step after <paramref name="step"/>, or null when it is the last one.</summary>
    public static PipelineStep? Next(PipelineStep step) =>
        step == PipelineStep.Publish ? null : step + 1;

    /// <summary>Stable lower-case name used in object keys, span names and metric tags.</summary>
    public static string Slug(this PipelineStep step) => step switch
    {
        PipelineStep.Validate => "validate",
        PipelineStep.ExtractMetadata => "extract-metadata",
        PipelineStep.Deidentify => "deidentify",
        PipelineStep.Render => "render",
        PipelineStep.Analyze => "analyze",
        PipelineStep.Route => "route",
        PipelineStep.Publish => "publish",
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, null),
    };
}
