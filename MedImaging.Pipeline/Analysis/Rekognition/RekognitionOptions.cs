namespace MedImaging.Pipeline.Analysis.Rekognition;

/// <summary>Bound from configuration section <c>MedImaging:Pipeline:Rekognition</c>.</summary>
public sealed record RekognitionOptions
{
    public const string SectionName = "MedImaging:Pipeline:Rekognition";

    /// <summary>DetectLabels accepts at most 5 MB of inline image bytes; larger images go by S3Object.</summary>
    public const int MaxInlineImageBytes = 5 * 1024 * 1024;

    public string Region { get; init; } = "us-east-1";

    /// <summary>Overrides the endpoint (a local fake in tests); absent means the regional AWS endpoint.</summary>
    public Uri? ServiceUrl { get; init; }

    /// <summary>Labels below this confidence (percent) are not returned.</summary>
    public double MinConfidence { get; init; } = 50;

    public int MaxLabels { get; init; } = 20;

    /// <summary>A label sets the result's class (xray, ct) only at or above this confidence, as routing's threshold does.</summary>
    public double ClassConfidence { get; init; } = 90;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    public Uri Endpoint => ServiceUrl ?? new Uri($"https://rekognition.{Region}.amazonaws.com/");
}
