using MedImaging.Pipeline.Metadata;

namespace MedImaging.Pipeline.Analysis;

/// <summary>
/// The local default analyzer: the DICOM header is authoritative about what an image is, so the
/// class comes from Modality, then the SOP class, with confidence 100. Plain images carry no header
/// and are <see cref="ImageClasses.Unclassified"/>.
/// </summary>
public sealed class HeaderImageAnalyzer : IImageAnalyzer
{
    public const string AnalyzerName = "header";
    public const string SourceName = "dicom-header";

    // Projection radiography and fluoroscopy modalities (PS3.3 C.7.3.1.1.1); DF, DR, RG are retired aliases.
    private static readonly HashSet<string> XrayModalities = new(StringComparer.OrdinalIgnoreCase)
    {
        "CR", "DX", "MG", "XA", "RF", "IO", "PX", "DF", "DR", "RG",
    };

    private const string StoragePrefix = "1.2.840.10008.5.1.4.1.1.";

    public string Name => AnalyzerName;

    public bool IsDeterministicFromHeader => true;

    public Task<AnalysisResult> AnalyzeAsync(AnalysisRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(Classify(request.Metadata));

    public static AnalysisResult Classify(InstanceMetadata metadata)
    {
        if (!metadata.IsDicom)
            return new AnalysisResult(AnalyzerName, SourceName, ImageClasses.Unclassified, []);

        var imageClass = ClassOfModality(metadata.Modality) ?? ClassOfSopClass(metadata.SopClassUid) ?? ImageClasses.General;
        var labels = new List<DetectedLabel> { new(LabelOf(imageClass), 100) };
        if (!string.IsNullOrWhiteSpace(metadata.Modality))
            labels.Add(new DetectedLabel($"Modality {metadata.Modality.Trim().ToUpperInvariant()}", 100));
        if (!string.IsNullOrWhiteSpace(metadata.BodyPartExamined))
            labels.Add(new DetectedLabel($"Body Part {metadata.BodyPartExamined.Trim().ToUpperInvariant()}", 100));
        return new AnalysisResult(AnalyzerName, SourceName, imageClass, labels);
    }

    private static string? ClassOfModality(string? modality)
    {
        if (string.IsNullOrWhiteSpace(modality)) return null;
        modality = modality.Trim();
        if (XrayModalities.Contains(modality)) return ImageClasses.Xray;
        if (modality.Equals("CT", StringComparison.OrdinalIgnoreCase)) return ImageClasses.Ct;
        // OT, SC and similar say nothing about how the pixels were made: let the SOP class decide.
        return modality.ToUpperInvariant() is "OT" or "SC" ? null : ImageClasses.General;
    }

    private static string? ClassOfSopClass(string? sopClassUid)
    {
        if (sopClassUid is null || !sopClassUid.StartsWith(StoragePrefix, StringComparison.Ordinal)) return null;
        var rest = sopClassUid[StoragePrefix.Length..];
        // 1.* = CR, DX, MG, IO families; 12.* = XA, RF and their enhanced forms; 13.1.1-13.1.5 = 3D XA/CR, breast tomosynthesis/projection.
        if (rest == "1" || rest.StartsWith("1.", StringComparison.Ordinal) || rest.StartsWith("12.", StringComparison.Ordinal)
            || rest.StartsWith("13.1.", StringComparison.Ordinal))
            return ImageClasses.Xray;
        // 2 = CT, 2.1 = enhanced CT, 2.2 = legacy converted enhanced CT.
        if (rest == "2" || rest.StartsWith("2.", StringComparison.Ordinal))
            return ImageClasses.Ct;
        return null;
    }

    private static string LabelOf(string imageClass) => imageClass switch
    {
        ImageClasses.Xray => "X-Ray",
        ImageClasses.Ct => "CT Scan",
        _ => "Medical Image",
    };
}
