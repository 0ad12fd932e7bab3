using System.Text.RegularExpressions;
using MedImaging.Aws.Configuration;

namespace MedImaging.Aws.S3;

/// <summary>
/// Builds object URLs the way the SDK is configured in <see cref="AwsSdkClients"/>: path style under a configured
/// service URL (the emulator), virtual-hosted style <c>https://{bucket}.s3.{region}.amazonaws.com</c> on real AWS,
/// falling back to path style for bucket names a host name cannot carry over TLS (dots, upper case, underscores).
/// </summary>
public sealed partial class S3Addressing
{
    // Path and query are sent exactly as encoded: no unescaping and no removal of "." or ".." key segments.
    private static readonly UriCreationOptions Verbatim = new() { DangerousDisablePathAndQueryCanonicalization = true };

    private readonly string? _serviceUrl;
    private readonly string _region;

    private S3Addressing(string? serviceUrl, string region)
    {
        _serviceUrl = serviceUrl?.TrimEnd('/');
        _region = region;
    }

    public static S3Addressing For(AwsOptions options) => new(options.ServiceUrl.S3 is { Length: > 0 } url ? url : null, options.Region);

    public static S3Addressing PathStyle(string serviceUrl, string region) => new(serviceUrl, region);

    public static S3Addressing VirtualHosted(string region) => new(null, region);

    public S3ObjectAddress Object(string bucket, string key)
    {
        var encodedKey = "/" + S3UriEncoding.Encode(key, keepSlashes: true);
        if (_serviceUrl is null && IsVirtualHostable(bucket))
            return Create($"https://{bucket}.s3.{_region}.amazonaws.com", encodedKey);
        var root = _serviceUrl ?? $"https://s3.{_region}.amazonaws.com";
        return Create(root, "/" + S3UriEncoding.Encode(bucket, keepSlashes: false) + encodedKey);
    }

    private static S3ObjectAddress Create(string root, string path)
    {
        var uri = new Uri(root + path, in Verbatim);
        var host = uri.IsDefaultPort ? uri.IdnHost : $"{uri.IdnHost}:{uri.Port}";
        return new S3ObjectAddress(uri, host, uri.AbsolutePath);
    }

    private static bool IsVirtualHostable(string bucket) => VirtualHostableBucket().IsMatch(bucket);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex VirtualHostableBucket();
}
