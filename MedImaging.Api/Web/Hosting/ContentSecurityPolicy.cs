using MedImaging.Aws.Configuration;

namespace MedImaging.Api.Web.Hosting;

/// <summary>
/// The page's Content-Security-Policy: scripts and styles only from the Api's own files (no inline script, no inline
/// style, no eval), and images and fetches from the Api plus the S3 origin its presigned URLs point at: the rendered
/// endpoint redirects images there, and the page PUTs large files to presigned upload URLs (the ingest bucket's CORS
/// rule lets it read their ETags). Nothing may frame the page. The viewer's codecs are WebAssembly, which
/// 'wasm-unsafe-eval' lets the page and its decoding worker (a script of the Api's, under the same policy) compile; it
/// allows no JavaScript eval.
/// </summary>
public static class ContentSecurityPolicy
{
    /// <summary>Presigned URLs of real S3 are virtual-hosted (bucket.s3.region.amazonaws.com).</summary>
    public const string AwsS3Source = "https://*.amazonaws.com";

    public static string For(AwsOptions aws) =>
        "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
        + $"img-src 'self' {S3Source(aws)}; connect-src 'self' {S3Source(aws)}; "
        + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The origin of the configured S3 endpoint (an emulator), else AWS's.</summary>
    public static string S3Source(AwsOptions aws) =>
        aws.ServiceUrl.S3 is { } url && Uri.TryCreate(url, UriKind.Absolute, out var endpoint)
            ? endpoint.GetLeftPart(UriPartial.Authority)
            : AwsS3Source;
}
