using System.Text.Json;
using Amazon.Runtime;
using MedImaging.Pipeline.Analysis;
using MedImaging.Pipeline.Analysis.Rekognition;
using MedImaging.Pipeline.Metadata;
using MedImaging.Pipeline.Steps;
using MedImaging.Pipeline.Storage;

namespace MedImaging.Pipeline.Tests.Analysis.Rekognition;

public sealed class RekognitionImageAnalyzerTests : IAsyncLifetime
{
    private RekognitionFake _fake = null!;

    public async Task InitializeAsync() => _fake = await RekognitionFake.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private RekognitionImageAnalyzer Analyzer(string secret = RekognitionFake.SecretKey, Uri? endpoint = null)
    {
        var options = new RekognitionOptions { ServiceUrl = endpoint ?? _fake.Address, MaxLabels = 7, MinConfidence = 75 };
        var http = RekognitionHttpClientFactory.Create(options, new BasicAWSCredentials(RekognitionFake.AccessKey, secret));
        return new RekognitionImageAnalyzer(new RekognitionClient(http), options);
    }

    private static AnalysisRequest Request(int size, ObjectLocation? storedAt = null) =>
        new(new InstanceMetadata { Kind = InstanceKind.Png }, Enumerable.Range(0, size).Select(i => (byte)i).ToArray(), "image/jpeg", storedAt);

    [Fact]
    public async Task Inline_image_is_sent_signed_and_labels_come_back()
    {
        var result = await Analyzer().AnalyzeAsync(Request(1000), CancellationToken.None);

        Assert.Equal("rekognition", result.Analyzer);
        Assert.Equal("rekognition:DetectLabels", result.Source);
        Assert.Equal(ImageClasses.Xray, result.Class);
        Assert.Equal(97.25, result.ConfidenceOf("X-Ray"));
        var sent = Assert.Single(_fake.Received);
        Assert.Null(sent.SignatureFailure);
        using var json = JsonDocument.Parse(sent.Body);
        Assert.Equal(Request(1000).Image.ToArray(), json.RootElement.GetProperty("Image").GetProperty("Bytes").GetBytesFromBase64());
        Assert.False(json.RootElement.GetProperty("Image").TryGetProperty("S3Object", out _));
        Assert.Equal(7, json.RootElement.GetProperty("MaxLabels").GetInt32());
        Assert.Equal(75, json.RootElement.GetProperty("MinConfidence").GetDouble());
    }

    [Fact]
    public async Task Image_over_five_megabytes_goes_by_s3_object()
    {
        await Analyzer().AnalyzeAsync(Request(RekognitionOptions.MaxInlineImageBytes + 1, new ObjectLocation("processed", "s/se/i.jpg")), CancellationToken.None);

        var sent = Assert.Single(_fake.Received);
        Assert.Null(sent.SignatureFailure);
        using var json = JsonDocument.Parse(sent.Body);
        var image = json.RootElement.GetProperty("Image");
        Assert.False(image.TryGetProperty("Bytes", out _));
        Assert.Equal("processed", image.GetProperty("S3Object").GetProperty("Bucket").GetString());
        Assert.Equal("s/se/i.jpg", image.GetProperty("S3Object").GetProperty("Name").GetString());
    }

    [Fact]
    public async Task Image_over_five_megabytes_that_is_not_stored_fails_permanently_without_a_call()
    {
        var failure = await Assert.ThrowsAsync<StepFailure>(() => Analyzer().AnalyzeAsync(Request(RekognitionOptions.MaxInlineImageBytes + 1), CancellationToken.None));
        Assert.Equal(FailureKind.Permanent, failure.Kind);
        Assert.Equal("image-too-large", failure.Code);
        Assert.Empty(_fake.Received);
    }

    [Theory]
    [InlineData(400, "ThrottlingException", FailureKind.Transient, "analyzer-unavailable")]
    [InlineData(400, "ProvisionedThroughputExceededException", FailureKind.Transient, "analyzer-unavailable")]
    [InlineData(500, "InternalServerError", FailureKind.Transient, "analyzer-unavailable")]
    [InlineData(503, "SomethingNew", FailureKind.Transient, "analyzer-unavailable")]
    [InlineData(400, "InvalidImageFormatException", FailureKind.Permanent, "invalid-image")]
    [InlineData(400, "ImageTooLargeException", FailureKind.Permanent, "invalid-image")]
    [InlineData(400, "InvalidParameterException", FailureKind.Permanent, "analyzer-rejected")]
    public async Task Service_errors_are_classified(int status, string errorType, FailureKind kind, string code)
    {
        _fake.EnqueueError(status, errorType);
        var failure = await Assert.ThrowsAsync<StepFailure>(() => Analyzer().AnalyzeAsync(Request(10), CancellationToken.None));
        Assert.Equal(kind, failure.Kind);
        Assert.Equal(code, failure.Code);
        Assert.Contains(errorType, failure.Message);
    }

    [Fact]
    public async Task A_non_json_5xx_answer_is_transient()
    {
        _fake.Enqueue(502, "<html>bad gateway</html>");
        var failure = await Assert.ThrowsAsync<StepFailure>(() => Analyzer().AnalyzeAsync(Request(10), CancellationToken.None));
        Assert.True(failure.IsTransient);
    }

    [Fact]
    public async Task The_fake_rejects_a_request_signed_with_the_wrong_secret()
    {
        var failure = await Assert.ThrowsAsync<StepFailure>(() => Analyzer(secret: "not-the-secret").AnalyzeAsync(Request(10), CancellationToken.None));
        Assert.Equal(FailureKind.Permanent, failure.Kind);
        Assert.Contains("InvalidSignatureException", failure.Message);
        Assert.Equal("signature mismatch", Assert.Single(_fake.Received).SignatureFailure);
    }

    [Fact]
    public async Task An_unreachable_endpoint_is_transient()
    {
        var closed = _fake.Address;
        await _fake.DisposeAsync();
        var failure = await Assert.ThrowsAsync<StepFailure>(() => Analyzer(endpoint: closed).AnalyzeAsync(Request(10), CancellationToken.None));
        Assert.Equal("analyzer-unreachable", failure.Code);
        Assert.True(failure.IsTransient);
        _fake = await RekognitionFake.StartAsync();
    }

    [Fact]
    public async Task A_label_below_the_class_confidence_does_not_set_the_class()
    {
        _fake.Enqueue(200, """{"Labels":[{"Name":"X-Ray","Confidence":89.9},{"Name":"CT Scan","Confidence":60}]}""");
        var result = await Analyzer().AnalyzeAsync(Request(10), CancellationToken.None);
        Assert.Equal(ImageClasses.General, result.Class);
        Assert.Equal(2, result.Labels.Count);
    }

    [Theory]
    [InlineData("com.amazonaws.rekognition#ThrottlingException", "ThrottlingException")]
    [InlineData("ThrottlingException:http://internal.amazon.com/coral/", "ThrottlingException")]
    [InlineData("InvalidImageFormatException", "InvalidImageFormatException")]
    public void Error_types_are_reduced_to_their_code(string type, string code) =>
        Assert.Equal(code, RekognitionClient.ErrorCodeOf(type));
}
