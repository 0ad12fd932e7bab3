namespace MedImaging.Api.Web.Hosting;

/// <summary>The headers every web page response carries.</summary>
public static class WebResponseHeaders
{
    /// <summary>Assets live under a content-hashed path, so a cached copy is never stale.</summary>
    public const string ImmutableAsset = "public, max-age=31536000, immutable";

    /// <summary>The page names the current asset version: a browser may keep it but must revalidate (ETag) each time.</summary>
    public const string RevalidatedPage = "no-cache";

    public static void Apply(HttpResponse response, string contentSecurityPolicy, string cacheControl)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = contentSecurityPolicy;
        headers.CacheControl = cacheControl;
        headers.XContentTypeOptions = "nosniff";
        // Presigned links carry signatures in their query: never leak page URLs or those to other sites.
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
    }
}
