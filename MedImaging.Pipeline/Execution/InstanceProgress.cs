using MedImaging.Pipeline.Analysis;
using MedImaging.Pipeline.Metadata;
using MedImaging.Pipeline.Routing;
using MedImaging.Pipeline.Steps;
using MedImaging.Pipeline.Storage;

namespace MedImaging.Pipeline.Execution;

/// <summary>
/// Everything the pipeline knows about one instance between steps. The study grain stores it in the
/// instance's own DynamoDB item (serialize with <see cref="PipelineJson"/>) and hands it back for the next step.
/// It stays small: no image bytes, at most MaxLabels labels.
/// </summary>
public sealed record InstanceProgress
{
    public required InstanceWorkItem Item { get; init; }
    public InstanceStatus Status { get; init; } = InstanceStatus.InProgress;
    /// <summary>The step to run next; null once the instance is completed or failed.</summary>
    public PipelineStep? NextStep { get; init; } = PipelineStep.Validate;
    /// <summary>The 1-based attempt the next run of <see cref="NextStep"/> will be.</summary>
    public int Attempt { get; init; } = 1;
    /// <summary>SHA-256 of the raw upload, so the grain can tell a re-sent instance from a conflicting one.</summary>
    public string? ContentSha256 { get; init; }
    public IReadOnlyList<ValidationFinding> Findings { get; init; } = [];
    public InstanceMetadata? Metadata { get; init; }
    public DeidentificationOutcome? Deidentification { get; init; }
    public RenderedOutput? Rendered { get; init; }
    public AnalysisResult? Analysis { get; init; }
    public RoutingDecision? Routing { get; init; }
    /// <summary>Every output, where routing wrote it (each once, in the bucket it was routed to).</summary>
    public IReadOnlyList<ObjectLocation> RoutedOutputs { get; init; } = [];
    public ObjectLocation? Result { get; init; }
    public string? FailureCode { get; init; }
    public string? FailureMessage { get; init; }

    public bool IsFinished => Status != InstanceStatus.InProgress;

    public static InstanceProgress Start(InstanceWorkItem item) => new() { Item = item };

    public override string ToString() => $"InstanceProgress {Status} next={NextStep?.ToString() ?? "-"} attempt={Attempt}";
}
