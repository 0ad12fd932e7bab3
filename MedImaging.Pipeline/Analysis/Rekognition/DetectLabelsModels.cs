using System.Text.Json.Serialization;

namespace MedImaging.Pipeline.Analysis.Rekognition;

// Wire shapes of RekognitionService.DetectLabels (AWS JSON 1.1): PascalCase members, bytes as base64.

public sealed record DetectLabelsRequest(
    [property: JsonPropertyName("Image")] RekognitionImage Image,
    [property: JsonPropertyName("MaxLabels")] int MaxLabels,
    [property: JsonPropertyName("MinConfidence")] double MinConfidence);

public sealed record RekognitionImage(
    [property: JsonPropertyName("Bytes"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] byte[]? Bytes,
    [property: JsonPropertyName("S3Object"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RekognitionS3Object? S3Object);

public sealed record RekognitionS3Object(
    [property: JsonPropertyName("Bucket")] string Bucket,
    [property: JsonPropertyName("Name")] string Name);

public sealed record DetectLabelsResponse(
    [property: JsonPropertyName("Labels")] IReadOnlyList<RekognitionLabel>? Labels,
    [property: JsonPropertyName("LabelModelVersion")] string? LabelModelVersion);

public sealed record RekognitionLabel(
    [property: JsonPropertyName("Name")] string Name,
    [property: JsonPropertyName("Confidence")] double Confidence);

/// <summary>The error body of a JSON 1.1 service: <c>{"__type": "ns#Code", "Message": "..."}</c>.</summary>
public sealed record RekognitionErrorBody(
    [property: JsonPropertyName("__type")] string? Type,
    [property: JsonPropertyName("Message")] string? Message,
    [property: JsonPropertyName("message")] string? LowerCaseMessage);

[JsonSerializable(typeof(DetectLabelsRequest))]
[JsonSerializable(typeof(DetectLabelsResponse))]
[JsonSerializable(typeof(RekognitionErrorBody))]
internal sealed partial class RekognitionJsonContext : JsonSerializerContext;
