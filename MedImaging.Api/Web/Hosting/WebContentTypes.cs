namespace MedImaging.Api.Web.Hosting;

/// <summary>The media types of the kinds of file the web page is made of.</summary>
public static class WebContentTypes
{
    public static string Of(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".wasm" => "application/wasm",
        _ => "application/octet-stream",
    };
}
