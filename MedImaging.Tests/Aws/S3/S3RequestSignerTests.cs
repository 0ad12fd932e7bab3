using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using MedImaging.Aws.S3;
using MedImaging.Aws.Signing;

namespace MedImaging.Tests.Aws.S3;

/// <summary>
/// The S3 signer against AWS's published examples ("Signature Calculations for the Authorization Header: Transferring
/// Payload in a Single Chunk", examplebucket, 24 May 2013, us-east-1): their signatures are the expected values.
/// </summary>
public sealed class S3RequestSignerTests
{
    private const string Host = "examplebucket.s3.amazonaws.com";
    private static readonly ImmutableCredentials Example = new("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", null);
    private static readonly DateTimeOffset May24 = new(2013, 5, 24, 0, 0, 0, TimeSpan.Zero);

    private static SigV4Signature Sign(string method, string path, string payloadHash, KeyValuePair<string, string>[] headers, KeyValuePair<string, string>[]? query = null, ImmutableCredentials? credentials = null) =>
        new S3RequestSigner("us-east-1").Sign(
            new S3SigningRequest(method, path, query ?? [], [new("Host", Host), .. headers], payloadHash), credentials ?? Example, May24);

    [Fact]
    public void The_published_GET_Object_example_with_a_range_header_gets_its_published_signature()
    {
        var signed = Sign("GET", "/test.txt", S3RequestSigner.EmptyPayloadHash, [new("Range", "bytes=0-9")]);

        Assert.Equal(
            "GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\n"
            + "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\nx-amz-date:20130524T000000Z\n\n"
            + "host;range;x-amz-content-sha256;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            signed.CanonicalRequest);
        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
            + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
            signed.Authorization);
        Assert.Equal(
            [("x-amz-date", "20130524T000000Z"), ("x-amz-content-sha256", S3RequestSigner.EmptyPayloadHash), ("Authorization", signed.Authorization)],
            signed.HeadersToSend.Select(h => (h.Key, h.Value)));
    }

    [Fact]
    public void The_published_PUT_Object_example_encodes_its_key_once_and_signs_the_payload_hash()
    {
        var body = "Welcome to Amazon S3."u8.ToArray();
        var payloadHash = Convert.ToHexStringLower(SHA256.HashData(body));
        var path = "/" + S3UriEncoding.Encode("test$file.text", keepSlashes: true);

        var signed = Sign("PUT", path, payloadHash, [new("Date", "Fri, 24 May 2013 00:00:00 GMT"), new("x-amz-storage-class", "REDUCED_REDUNDANCY")]);

        Assert.Equal("/test%24file.text", path);
        Assert.Equal("date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class", signed.SignedHeaders);
        Assert.Equal("98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd", signed.Signature);
    }

    [Fact]
    public void The_published_List_Objects_example_sorts_its_query_parameters()
    {
        var signed = Sign("GET", "/", S3RequestSigner.EmptyPayloadHash, [], [new("prefix", "J"), new("max-keys", "2")]);

        Assert.Equal("max-keys=2&prefix=J", signed.CanonicalRequest.Split('\n')[2]);
        Assert.Equal("34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7", signed.Signature);
    }

    [Fact]
    public void The_published_GET_Bucket_Lifecycle_example_keeps_the_equals_sign_of_a_valueless_parameter()
    {
        var signed = Sign("GET", "/", S3RequestSigner.EmptyPayloadHash, [], [new("lifecycle", "")]);

        Assert.Equal("lifecycle=", signed.CanonicalRequest.Split('\n')[2]);
        Assert.Equal("fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543", signed.Signature);
    }

    [Fact]
    public void A_session_token_is_sent_and_signed_as_x_amz_security_token()
    {
        var withToken = new ImmutableCredentials(Example.AccessKey, Example.SecretKey, "session-token-value");

        var signed = Sign("GET", "/test.txt", S3RequestSigner.UnsignedPayload, [], credentials: withToken);

        Assert.Equal("host;x-amz-content-sha256;x-amz-date;x-amz-security-token", signed.SignedHeaders);
        Assert.Contains(new KeyValuePair<string, string>("x-amz-security-token", "session-token-value"), signed.HeadersToSend);
        Assert.Contains("x-amz-security-token:session-token-value\n", signed.CanonicalRequest);
        Assert.EndsWith("\nUNSIGNED-PAYLOAD", signed.CanonicalRequest);
        Assert.NotEqual(Sign("GET", "/test.txt", S3RequestSigner.UnsignedPayload, []).Signature, signed.Signature);
    }

    [Fact]
    public void The_cached_signing_key_follows_the_date_and_the_secret()
    {
        var signer = new S3RequestSigner("us-east-1");
        var request = new S3SigningRequest("GET", "/test.txt", [], [new("host", Host), new("range", "bytes=0-9")], S3RequestSigner.EmptyPayloadHash);
        var rotated = new ImmutableCredentials(Example.AccessKey, "another-secret", null);

        var first = signer.Sign(request, Example, May24);
        var nextDay = signer.Sign(request, Example, May24.AddDays(1));
        var otherSecret = signer.Sign(request, rotated, May24);
        var again = signer.Sign(request, Example, May24);

        Assert.Equal("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41", again.Signature);
        Assert.Equal(first.Signature, again.Signature);
        Assert.Contains("/20130525/us-east-1/s3/aws4_request", nextDay.Authorization);
        Assert.NotEqual(first.Signature, otherSecret.Signature);
    }

    [Theory]
    [InlineData("a b/c", true, "a%20b/c")]
    [InlineData("a b/c", false, "a%20b%2Fc")]
    [InlineData("plain-key_1.dcm~", true, "plain-key_1.dcm~")]
    [InlineData("é/中", true, "%C3%A9/%E4%B8%AD")]
    [InlineData("!'()*+=&%", true, "%21%27%28%29%2A%2B%3D%26%25")]
    public void Uri_encoding_follows_S3_rules(string value, bool keepSlashes, string expected) =>
        Assert.Equal(expected, S3UriEncoding.Encode(value, keepSlashes));

    [Fact]
    public void Header_values_are_trimmed_and_inner_spaces_collapsed()
    {
        var signed = Sign("GET", "/", S3RequestSigner.EmptyPayloadHash, [new("X-Amz-Meta-Note", "  a   b  ")]);

        Assert.Contains("\nx-amz-meta-note:a b\n", signed.CanonicalRequest);
        Assert.Equal(Encoding.UTF8.GetByteCount(signed.CanonicalRequest), signed.CanonicalRequest.Length);
    }
}
