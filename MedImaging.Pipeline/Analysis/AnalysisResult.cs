namespace MedImaging.Pipeline.Analysis;

/// <summary>What one analyzer concluded about one image.</summary>
/// <param name="Analyzer">The analyzer's name, e.g. <c>header</c> or <c>rekognition</c>.</param>
/// <param name="Source">Where the conclusion comes from, e.g. <c>dicom-header</c> or <c>rekognition:DetectLabels</c>.</param>
/// <param name="Class">One of <see cref="ImageClasses"/>.</param>
public sealed record AnalysisResult(
    string Analyzer,
    string Source,
    string Class,
    IReadOnlyList<DetectedLabel> Labels)
{
    /// <summary>The highest confidence of a label with this name (case-insensitive), or null.</summary>
    public double? ConfidenceOf(string label) =>
        Labels.Where(l => string.Equals(l.Name, label, StringComparison.OrdinalIgnoreCase))
              .Select(l => (double?)l.Confidence)
              .Max();
}
