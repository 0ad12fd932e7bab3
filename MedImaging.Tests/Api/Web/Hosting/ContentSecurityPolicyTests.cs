using MedImaging.Api.Web.Hosting;
using MedImaging.Aws.Configuration;

namespace MedImaging.Tests.Api.Web.Hosting;

public sealed class ContentSecurityPolicyTests
{
    [Fact]
    public void Images_and_uploads_may_reach_the_emulated_s3_origin_only_besides_the_api()
    {
        var policy = ContentSecurityPolicy.For(new AwsOptions { ServiceUrl = new AwsServiceUrls { S3 = "http://127.0.0.1:4566/some/path" } });

        Assert.Contains("img-src 'self' http://127.0.0.1:4566;", policy);
        Assert.Contains("connect-src 'self' http://127.0.0.1:4566;", policy);
        Assert.DoesNotContain("amazonaws", policy);
    }

    [Fact]
    public void Against_real_aws_images_and_uploads_may_reach_s3_virtual_hosts()
    {
        var policy = ContentSecurityPolicy.For(new AwsOptions());

        Assert.Contains($"img-src 'self' {ContentSecurityPolicy.AwsS3Source};", policy);
        Assert.Contains($"connect-src 'self' {ContentSecurityPolicy.AwsS3Source};", policy);
    }

    [Fact]
    public void Scripts_and_styles_only_from_the_api_nothing_inline_and_no_eval_but_webassembly()
    {
        var directives = ContentSecurityPolicy.For(new AwsOptions()).Split(';', StringSplitOptions.TrimEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d);

        Assert.Equal("default-src 'none'", directives["default-src"]);
        // The viewer's codecs are WebAssembly: 'wasm-unsafe-eval' compiles those and allows no JavaScript eval.
        Assert.Equal("script-src 'self' 'wasm-unsafe-eval'", directives["script-src"]);
        Assert.Equal("style-src 'self'", directives["style-src"]);
        Assert.Equal("frame-ancestors 'none'", directives["frame-ancestors"]);
        Assert.DoesNotContain(directives.Values, d => d.Replace("'wasm-unsafe-eval'", "", StringComparison.Ordinal).Contains("unsafe", StringComparison.Ordinal));
    }
}
