using MedImaging.Pipeline.Retries;

namespace MedImaging.Pipeline.Execution;

/// <summary>Bound from configuration section <c>MedImaging:Pipeline</c>.</summary>
public sealed record PipelineOptions
{
    public const string SectionName = "MedImaging:Pipeline";

    /// <summary>"header" (the local default) or "rekognition".</summary>
    public string Analyzer { get; init; } = "header";

    /// <summary>Keys the pseudonyms of plain images and quarantined originals. Set a real secret outside local runs.</summary>
    public string PseudonymSecret { get; init; } = "medimaging-local-development";

    /// <summary>Keys UID remapping and date shifting in de-identification. Set a real secret outside local runs.</summary>
    public string DeidentificationSecret { get; init; } = "medimaging-local-development";

    public RetryOptions Retry { get; init; } = new();
}
