using MedImaging.Pipeline.Steps;

namespace MedImaging.Pipeline.Analysis.Rekognition;

/// <summary>Analyzes the rendered image with Rekognition DetectLabels.</summary>
public sealed class RekognitionImageAnalyzer(RekognitionClient client, RekognitionOptions options) : IImageAnalyzer
{
    public const string AnalyzerName = "rekognition";
    public const string SourceName = "rekognition:DetectLabels";

    private static readonly string[] XrayLabels = ["X-Ray", "Xray", "Radiography"];
    private static readonly string[] CtLabels = ["CT Scan", "Computed Tomography"];

    public string Name => AnalyzerName;

    public async Task<AnalysisResult> AnalyzeAsync(AnalysisRequest request, CancellationToken cancellationToken)
    {
        var detect = new DetectLabelsRequest(ImageOf(request), options.MaxLabels, options.MinConfidence);
        DetectLabelsResponse response;
        try
        {
            response = await client.DetectLabelsAsync(detect, cancellationToken);
        }
        catch (RekognitionServiceException e)
        {
            throw RekognitionErrorClassifier.ToStepFailure(e);
        }
        catch (HttpRequestException e)
        {
            throw StepFailure.Transient("analyzer-unreachable", "Rekognition could not be reached", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw StepFailure.Transient("analyzer-timeout", "Rekognition did not answer in time", e);
        }

        var labels = (response.Labels ?? []).Select(l => new DetectedLabel(l.Name, l.Confidence)).ToList();
        return new AnalysisResult(AnalyzerName, SourceName, ClassOf(labels.Where(l => l.Confidence >= options.ClassConfidence).ToList()), labels);
    }

    private static RekognitionImage ImageOf(AnalysisRequest request)
    {
        if (request.Image.Length is > 0 and <= RekognitionOptions.MaxInlineImageBytes)
            return new RekognitionImage(request.Image.ToArray(), null);
        if (request.StoredAt is { } stored)
            return new RekognitionImage(null, new RekognitionS3Object(stored.Bucket, stored.Key));
        throw StepFailure.Permanent("image-too-large",
            $"Rendered image of {request.Image.Length} bytes exceeds the inline limit and is not stored in S3");
    }

    private static string ClassOf(IReadOnlyList<DetectedLabel> labels)
    {
        bool Has(string[] names) => labels.Any(l => names.Contains(l.Name, StringComparer.OrdinalIgnoreCase));
        return Has(CtLabels) ? ImageClasses.Ct : Has(XrayLabels) ? ImageClasses.Xray : ImageClasses.General;
    }
}
