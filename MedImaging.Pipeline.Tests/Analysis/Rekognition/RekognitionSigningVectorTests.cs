using Amazon.Runtime;
using MedImaging.Pipeline.Analysis.Rekognition;
using MedImaging.Pipeline.Tests.Support;

namespace MedImaging.Pipeline.Tests.Analysis.Rekognition;

/// <summary>
/// Fixed SigV4 vectors: ENVIRONMENT.md's SQS vector (which matched botocore) proves the hand-written
/// oracle, and the same inputs with service rekognition pin what our client sends.
/// </summary>
public class RekognitionSigningVectorTests
{
    private static readonly DateTime SignedAt = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
    private const string AmzDate = "20260102T030405Z";
    private const string Url = "http://127.0.0.1:4566/";

    // Computed by sigv4_oracle.py from the inputs below; the oracle test re-derives it on every run.
    private const string RekognitionVector =
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260102/us-east-1/rekognition/aws4_request, " +
        "SignedHeaders=content-length;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-target, " +
        "Signature=4b9a21e0fb091ae52b9b1af4ab68621da94b49be8ed821857b27a1f59cadfa4a";

    private const string DetectLabelsBody = """{"Image":{"Bytes":"AQID"},"MaxLabels":10,"MinConfidence":90}""";

    [Fact]
    public void Oracle_reproduces_the_environment_sqs_vector()
    {
        var oracle = SigV4Oracle.Authorization(Url, """{"QueueName":"sigtest"}""", AmzDate, "us-east-1", "sqs",
            RekognitionFake.AccessKey, RekognitionFake.SecretKey,
            new Dictionary<string, string> { ["Content-Type"] = "application/x-amz-json-1.0", ["X-Amz-Target"] = "AmazonSQS.CreateQueue" });
        Assert.EndsWith("Signature=b87e38e54cebfe0cad7dc60225f50aadb4d6697bab795e8e0e7e4f90ecd1312a", oracle);
    }

    [Fact]
    public async Task Client_signs_detect_labels_exactly_as_the_oracle_does()
    {
        var authorization = await CaptureAuthorizationAsync();
        var oracle = SigV4Oracle.Authorization(Url, DetectLabelsBody, AmzDate, "us-east-1", "rekognition",
            RekognitionFake.AccessKey, RekognitionFake.SecretKey,
            new Dictionary<string, string>
            {
                // AWSSDK.Core signs Content-Length as well (SigV4 allows any extra header); botocore does not.
                ["Content-Length"] = DetectLabelsBody.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Content-Type"] = "application/x-amz-json-1.1",
                ["X-Amz-Target"] = "RekognitionService.DetectLabels",
            });
        Assert.Equal(oracle, authorization);
    }

    [Fact]
    public async Task Client_signature_matches_the_pinned_vector()
    {
        Assert.Equal(RekognitionVector, await CaptureAuthorizationAsync());
    }

    private static async Task<string> CaptureAuthorizationAsync()
    {
        var capture = new CapturingHandler();
        var options = new RekognitionOptions { ServiceUrl = new Uri(Url), MaxLabels = 10, MinConfidence = 90 };
        using var http = RekognitionHttpClientFactory.Create(options,
            new BasicAWSCredentials(RekognitionFake.AccessKey, RekognitionFake.SecretKey), capture, SignedAt);
        await new RekognitionClient(http).DetectLabelsAsync(
            new DetectLabelsRequest(new RekognitionImage([1, 2, 3], null), 10, 90), CancellationToken.None);
        Assert.Equal(DetectLabelsBody, capture.Body);
        return capture.Authorization!;
    }

    private sealed class CapturingHandler : HttpMessageHandler
    {
        public string? Authorization { get; private set; }
        public string? Body { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Authorization = request.Headers.TryGetValues("Authorization", out var values) ? string.Join(",", values) : null;
            Body = await request.Content!.ReadAsStringAsync(cancellationToken);
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent("""{"Labels":[]}""") };
        }
    }
}
