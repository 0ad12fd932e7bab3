using System.Text;
using MedImaging.Pipeline.Publishing.Webhooks;

namespace MedImaging.Pipeline.Tests.Publishing.Webhooks;

public class WebhookSignatureTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"hello":"world"}""");

    [Fact]
    public void Signature_matches_an_hmac_computed_independently()
    {
        // python3: hmac.new(b'whsec-test', b'1767323045.{"hello":"world"}', hashlib.sha256).hexdigest()
        Assert.Equal("t=1767323045,v1=e599e7cd5de8e69761be1aed1d2e02b0201b7aab8940030e0794065e1e30c34d",
            WebhookSignature.Compute("whsec-test", At, Body));
    }

    [Fact]
    public void Verification_accepts_the_signed_body_within_tolerance()
    {
        var header = WebhookSignature.Compute("whsec-test", At, Body);
        Assert.True(WebhookSignature.Verify("whsec-test", header, Body, At.AddMinutes(4), TimeSpan.FromMinutes(5)));
    }

    [Theory]
    [InlineData("other-secret", """{"hello":"world"}""", 0)]
    [InlineData("whsec-test", """{"hello":"World"}""", 0)]
    [InlineData("whsec-test", """{"hello":"world"}""", 6)]
    [InlineData("whsec-test", """{"hello":"world"}""", -6)]
    public void Verification_rejects_wrong_secret_tampered_body_or_stale_timestamp(string secret, string body, int minutesLater)
    {
        var header = WebhookSignature.Compute("whsec-test", At, Body);
        Assert.False(WebhookSignature.Verify(secret, header, Encoding.UTF8.GetBytes(body), At.AddMinutes(minutesLater), TimeSpan.FromMinutes(5)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("t=abc,v1=00")]
    [InlineData("t=1767323045,v1=zz")]
    [InlineData("t=99999999999999999999,v1=00")]
    [InlineData("v1=e599e7cd5de8e69761be1aed1d2e02b0201b7aab8940030e0794065e1e30c34d")]
    public void Verification_rejects_malformed_headers(string? header) =>
        Assert.False(WebhookSignature.Verify("whsec-test", header, Body, At, TimeSpan.FromMinutes(5)));
}
