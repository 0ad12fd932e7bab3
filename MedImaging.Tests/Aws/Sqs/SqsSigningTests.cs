using Amazon.Runtime;
using MedImaging.Aws.Signing;
using MedImaging.Aws.Sqs;
using MedImaging.Tests.Aws.Signing;

namespace MedImaging.Tests.Aws.Sqs;

/// <summary>No emulator checks signatures, so the SQS request signature is pinned to a vector that matched botocore.</summary>
public sealed class SqsSigningTests
{
    private const string ExpectedSignature = "b87e38e54cebfe0cad7dc60225f50aadb4d6697bab795e8e0e7e4f90ecd1312a";

    [Fact]
    public async Task CreateQueue_request_is_signed_like_the_reference_vector()
    {
        var recorder = new RecordingHandler("""{"QueueUrl":"http://127.0.0.1:4566/000000000000/sigtest"}""");
        var signing = new AwsProtocolSigningHandler(
            new SigV4Signer("us-east-1", "sqs"),
            new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
            recorder,
            new FixedClock(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)));
        using var client = new SqsClient(new HttpClient(signing)
        {
            BaseAddress = new Uri("http://127.0.0.1:4566/"),
        });

        var queueUrl = await client.CreateQueueAsync(new CreateQueueRequest("sigtest"));

        Assert.Equal("http://127.0.0.1:4566/000000000000/sigtest", queueUrl);
        Assert.Equal("""{"QueueName":"sigtest"}""", recorder.RequestBody);
        Assert.Equal("AmazonSQS.CreateQueue", recorder.Request!.Headers.GetValues("X-Amz-Target").Single());
        Assert.Equal("b3f08a0c764e460be435f85fce652caa03c21c9c6baf99d0d3251b92c6073cc2", recorder.Request.Headers.GetValues("X-Amz-Content-SHA256").Single());
        var authorization = string.Join(",", recorder.Request.Headers.GetValues("Authorization"));
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260102/us-east-1/sqs/aws4_request", authorization);
        Assert.EndsWith("Signature=" + ExpectedSignature, authorization);
    }
}
