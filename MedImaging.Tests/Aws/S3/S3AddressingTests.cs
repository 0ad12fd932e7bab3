using MedImaging.Aws.Configuration;
using MedImaging.Aws.S3;

namespace MedImaging.Tests.Aws.S3;

/// <summary>Object URLs: path style under an emulator URL, virtual-hosted on AWS, keys encoded once and sent verbatim.</summary>
public sealed class S3AddressingTests
{
    [Fact]
    public void A_configured_service_url_is_addressed_path_style_with_its_port_in_the_host()
    {
        var addressing = S3Addressing.For(new AwsOptions { ServiceUrl = new AwsServiceUrls { S3 = "http://127.0.0.1:4566/" } });

        var address = addressing.Object("ingest", "incoming/a b/ü.dcm");

        Assert.Equal("http://127.0.0.1:4566/ingest/incoming/a%20b/%C3%BC.dcm", address.Uri.AbsoluteUri);
        Assert.Equal(("127.0.0.1:4566", "/ingest/incoming/a%20b/%C3%BC.dcm"), (address.Host, address.EncodedPath));
    }

    [Fact]
    public void Real_aws_is_addressed_virtual_hosted_in_the_configured_region()
    {
        var address = S3Addressing.For(new AwsOptions { Region = "eu-west-1" }).Object("medimaging-ingest", "incoming/x");

        Assert.Equal("https://medimaging-ingest.s3.eu-west-1.amazonaws.com/incoming/x", address.Uri.AbsoluteUri);
        Assert.Equal(("medimaging-ingest.s3.eu-west-1.amazonaws.com", "/incoming/x"), (address.Host, address.EncodedPath));
    }

    [Fact]
    public void A_bucket_name_with_dots_stays_path_style_on_aws_so_the_tls_certificate_matches()
    {
        var address = S3Addressing.VirtualHosted("us-east-1").Object("my.bucket", "k");

        Assert.Equal(("s3.us-east-1.amazonaws.com", "/my.bucket/k"), (address.Host, address.EncodedPath));
    }

    [Fact]
    public void Dot_segments_and_escapes_in_a_key_are_sent_as_encoded_not_normalized()
    {
        var address = S3Addressing.PathStyle("http://127.0.0.1:9000", "us-east-1").Object("b", "a/../c/./%41");

        Assert.Equal("/b/a/../c/./%2541", address.EncodedPath);
        Assert.Equal("/b/a/../c/./%2541", address.Uri.AbsolutePath);
        Assert.EndsWith("/b/a/../c/./%2541", address.Uri.OriginalString);
    }
}
