using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using MedImaging.Aws.Signing;

namespace MedImaging.Tests.Aws.Signing;

/// <summary>
/// What the handler signs and sends for the JSON and Query protocols: the protocol headers, the body's hash as
/// x-amz-content-sha256, the session token of temporary credentials; the body still goes out whole after it was hashed.
/// </summary>
public sealed class AwsProtocolSigningHandlerTests
{
    private static readonly DateTimeOffset SuiteTime = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    private static (HttpClient Client, RecordingHandler Recorder) Client(AWSCredentials credentials)
    {
        var recorder = new RecordingHandler("{}");
        var signing = new AwsProtocolSigningHandler(new SigV4Signer("us-east-1", "service"), credentials, recorder, new FixedClock(SuiteTime));
        return (new HttpClient(signing) { BaseAddress = new Uri("https://example.amazonaws.com/") }, recorder);
    }

    private static string Header(HttpRequestMessage request, string name) => string.Join(",", request.Headers.GetValues(name));

    [Fact]
    public async Task A_query_protocol_form_is_signed_with_its_content_type_body_hash_and_date()
    {
        var (client, recorder) = Client(new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));

        await client.PostAsync("", new FormUrlEncodedContent([new("Param1", "value1")]));

        var request = recorder.Request!;
        Assert.Equal("Param1=value1", recorder.RequestBody);
        Assert.Equal("9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e", Header(request, "x-amz-content-sha256"));
        Assert.Equal("20150830T123600Z", Header(request, "x-amz-date"));
        var authorization = Header(request, "Authorization");
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request,", authorization);
        Assert.Contains("SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date,", authorization);
    }

    [Fact]
    public async Task The_target_header_is_signed_and_the_signature_changes_with_the_body()
    {
        var credentials = new BasicAWSCredentials("AKIDEXAMPLE", "secret");
        async Task<string> SignatureOf(string body)
        {
            var (client, recorder) = Client(credentials);
            using var request = new HttpRequestMessage(HttpMethod.Post, "") { Content = new StringContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
            request.Headers.Add("X-Amz-Target", "Service.Operation");
            await client.SendAsync(request);
            var authorization = Header(recorder.Request!, "Authorization");
            Assert.Contains("SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-target,", authorization);
            return authorization[(authorization.LastIndexOf('=') + 1)..];
        }

        Assert.NotEqual(await SignatureOf("""{"a":1}"""), await SignatureOf("""{"a":2}"""));
    }

    [Fact]
    public async Task A_session_token_is_signed_and_sent()
    {
        var (client, recorder) = Client(new SessionAWSCredentials("ASIAEXAMPLE", "secret", "the-session-token"));

        await client.PostAsync("", new ByteArrayContent([]));

        Assert.Equal("the-session-token", Header(recorder.Request!, "x-amz-security-token"));
        Assert.Contains(";x-amz-security-token,", Header(recorder.Request!, "Authorization"));
    }

    [Fact]
    public async Task A_streamed_body_is_hashed_and_still_sent_whole()
    {
        var (client, recorder) = Client(new BasicAWSCredentials("AKIDEXAMPLE", "secret"));
        var body = Encoding.UTF8.GetBytes(new string('x', 100_000));

        await client.PostAsync("", new StreamContent(new MemoryStream(body)));

        Assert.Equal(body.Length, recorder.RequestBody!.Length);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(body)), Header(recorder.Request!, "x-amz-content-sha256"));
    }
}
