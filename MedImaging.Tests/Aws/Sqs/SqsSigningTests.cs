using Amazon.Runtime;
using MedImaging.Aws.Signing;
using MedImaging.Aws.Sqs;
using MedImaging.Tests.Aws.Signing;

namespace MedImaging.Tests.Aws.Sqs;

/// <summary>
/// No emulator checks signatures, so the signature of an SQS request (signed by AWSSDK.Core's handler) is pinned to
/// ENVIRONMENT.md's botocore vector plus Content-Length, which AWSSDK.Core also signs: the expected value comes from
/// the independent oracle MedImaging.Pipeline.Tests/Analysis/Rekognition/sigv4_oracle.py, which reproduces the
/// botocore vector without Content-Length.
/// </summary>
public sealed class SqsSigningTests
{
    private const string ExpectedAuthorization =
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260102/us-east-1/sqs/aws4_request, " +
        "SignedHeaders=content-length;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-target, " +
        "Signature=1b9297793b573d4ebddde5853d34a998561674838113277bbab5f47003fc190d";

    [Fact]
    public async Task CreateQueue_request_is_signed_like_the_reference_vector()
    {
        var recorder = new RecordingHandler("""{"QueueUrl":"http://127.0.0.1:4566/000000000000/sigtest"}""");
        using var client = new SqsClient(SignedHttpClientFactory.Create(
            new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"), "us-east-1", "sqs",
            new Uri("http://127.0.0.1:4566/"), TimeSpan.FromSeconds(10), recorder, new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc)));

        var queueUrl = await client.CreateQueueAsync(new CreateQueueRequest("sigtest"));

        Assert.Equal("http://127.0.0.1:4566/000000000000/sigtest", queueUrl);
        Assert.Equal("""{"QueueName":"sigtest"}""", recorder.RequestBody);
        Assert.Equal("AmazonSQS.CreateQueue", recorder.Request!.Headers.GetValues("X-Amz-Target").Single());
        Assert.Equal("b3f08a0c764e460be435f85fce652caa03c21c9c6baf99d0d3251b92c6073cc2", recorder.Request.Headers.GetValues("X-Amz-Content-SHA256").Single());
        Assert.Equal(ExpectedAuthorization, string.Join(",", recorder.Request.Headers.GetValues("Authorization")));
    }
}
