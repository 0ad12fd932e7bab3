using MedImaging.Aws.Configuration;
using Microsoft.Net.Http.Headers;

namespace MedImaging.Api.Web.Hosting;

public static class WebPageEndpoints
{
    /// <summary>
    /// GET / (the page) and GET /web/{version}/{path} (its scripts, styles and icon). Not part of the API, so not in
    /// the OpenAPI document. An asset of another version is a 404 problem: the page that asked for it is stale.
    /// </summary>
    public static IEndpointRouteBuilder MapWebPage(this IEndpointRouteBuilder app)
    {
        var assets = app.ServiceProvider.GetRequiredService<WebAssets>();
        var policy = ContentSecurityPolicy.For(app.ServiceProvider.GetRequiredService<AwsOptions>());

        app.MapGet("/", (HttpContext context) =>
            {
                WebResponseHeaders.Apply(context.Response, policy, WebResponseHeaders.RevalidatedPage);
                return Serve(assets.Page);
            })
            .ExcludeFromDescription();

        app.MapGet("/web/{version}/{**path}", (string version, string path, HttpContext context) =>
            {
                var asset = version == assets.Version ? assets.Find(path) : null;
                if (asset is null)
                    return TypedResults.Problem(title: "Not found", detail: "No such file of the web page (it may belong to an older version: reload the page).",
                        statusCode: StatusCodes.Status404NotFound);
                WebResponseHeaders.Apply(context.Response, policy, WebResponseHeaders.ImmutableAsset);
                return Serve(asset);
            })
            .ExcludeFromDescription();
        return app;
    }

    private static IResult Serve(WebAsset asset) =>
        TypedResults.Bytes(asset.Content, asset.ContentType, entityTag: EntityTagHeaderValue.Parse(asset.ETag));
}
