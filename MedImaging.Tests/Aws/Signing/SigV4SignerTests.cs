using System.Security.Cryptography;
using Amazon.Runtime;
using MedImaging.Aws.Signing;

namespace MedImaging.Tests.Aws.Signing;

/// <summary>
/// The signer against AWS's published Signature Version 4 test suite (service "service", us-east-1, 30 Aug 2015
/// 12:36:00 UTC, example.amazonaws.com): the suite's signatures are the expected values. The suite signs neither the
/// payload hash header nor Content-Length, so these requests ask for no x-amz-content-sha256.
/// </summary>
public sealed class SigV4SignerTests
{
    private const string Host = "example.amazonaws.com";
    private static readonly ImmutableCredentials Suite = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null);
    private static readonly DateTimeOffset SuiteTime = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    /// <summary>The suite's example session token (post-sts-token).</summary>
    private const string SuiteToken =
        "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";

    private static SigV4Signature Sign(
        string method, KeyValuePair<string, string>[] headers, string payloadHash = SigV4Signer.EmptyPayloadHash,
        KeyValuePair<string, string>[]? query = null, ImmutableCredentials? credentials = null) =>
        new SigV4Signer("us-east-1", "service").Sign(
            new SigV4Request(method, "/", query ?? [], [new("Host", Host), .. headers], payloadHash, SignPayloadHash: false),
            credentials ?? Suite, SuiteTime);

    [Fact]
    public void Get_vanilla_gets_its_published_canonical_request_and_signature()
    {
        var signed = Sign("GET", []);

        Assert.Equal(
            "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n" + SigV4Signer.EmptyPayloadHash,
            signed.CanonicalRequest);
        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request,SignedHeaders=host;x-amz-date,"
            + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
            signed.Authorization);
        Assert.Equal(["x-amz-date", "Authorization"], signed.HeadersToSend.Select(h => h.Key));
    }

    [Fact]
    public void Get_vanilla_query_order_key_case_sorts_its_parameters()
    {
        var signed = Sign("GET", [], query: [new("Param2", "value2"), new("Param1", "value1")]);

        Assert.Equal("Param1=value1&Param2=value2", signed.CanonicalRequest.Split('\n')[2]);
        Assert.Equal("b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500", signed.Signature);
    }

    [Fact]
    public void Get_header_value_trim_trims_values_and_collapses_inner_spaces()
    {
        var signed = Sign("GET", [new("My-Header1", " value1"), new("My-Header2", "\"a   b   c\"")]);

        Assert.Contains("\nmy-header1:value1\nmy-header2:\"a b c\"\n", signed.CanonicalRequest);
        Assert.Equal("acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736", signed.Signature);
    }

    [Fact]
    public void Post_x_www_form_urlencoded_signs_its_content_type_and_body_hash()
    {
        var payloadHash = Convert.ToHexStringLower(SHA256.HashData("Param1=value1"u8));

        var signed = Sign("POST", [new("Content-Type", "application/x-www-form-urlencoded")], payloadHash);

        Assert.Equal("9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e", payloadHash);
        Assert.Equal("content-type;host;x-amz-date", signed.SignedHeaders);
        Assert.Equal("ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a", signed.Signature);
    }

    [Fact]
    public void Post_sts_header_before_signs_the_session_token_and_sends_it()
    {
        var signed = Sign("POST", [], credentials: new ImmutableCredentials(Suite.AccessKey, Suite.SecretKey, SuiteToken));

        Assert.Equal("host;x-amz-date;x-amz-security-token", signed.SignedHeaders);
        Assert.Equal("85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead", signed.Signature);
        Assert.Contains(new KeyValuePair<string, string>("x-amz-security-token", SuiteToken), signed.HeadersToSend);
    }

    [Fact]
    public void The_signing_key_follows_a_rotated_secret()
    {
        var signer = new SigV4Signer("us-east-1", "service");
        SigV4Signature SignWith(string secret) => signer.Sign(
            new SigV4Request("GET", "/", [], [new("host", Host)], SigV4Signer.EmptyPayloadHash, SignPayloadHash: false),
            new ImmutableCredentials(Suite.AccessKey, secret, null), SuiteTime);

        var first = SignWith(Suite.SecretKey);
        var rotated = SignWith("another-secret");

        Assert.Equal("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", first.Signature);
        Assert.NotEqual(first.Signature, rotated.Signature);
        Assert.Equal(first.Signature, SignWith(Suite.SecretKey).Signature);
    }
}
