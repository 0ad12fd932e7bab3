using System.Text;
using System.Text.RegularExpressions;
using MedImaging.Api.Web.Hosting;

namespace MedImaging.Tests.Api.Web.Hosting;

/// <summary>
/// The embedded page as built into the Api assembly: every file the page and its modules import is embedded (a broken
/// import would only show in a browser), and nothing in it needs inline script or style, which the CSP forbids.
/// </summary>
public sealed partial class WebAssetsTests
{
    private readonly WebAssets _assets = WebAssets.Load();

    [Fact]
    public void The_page_points_at_its_assets_under_the_content_hashed_path()
    {
        var page = Text(_assets.Page);

        Assert.Matches("^[0-9a-f]{16}$", _assets.Version);
        Assert.DoesNotContain("{{assets}}", page);
        var links = AssetLinks().Matches(page).Select(m => m.Groups["path"].Value).ToList();
        Assert.Contains("js/app.js", links);
        Assert.Contains("css/app.css", links);
        Assert.All(links, link => Assert.NotNull(_assets.Find(link)));
        Assert.All(AssetLinks().Matches(page), m => Assert.Equal(_assets.Version, m.Groups["version"].Value));
    }

    [Fact]
    public void Every_module_import_resolves_to_an_embedded_script()
    {
        var scripts = AllPaths().Where(p => p.EndsWith(".js", StringComparison.Ordinal)).ToList();
        Assert.True(scripts.Count >= 10, $"only {scripts.Count} scripts embedded");
        foreach (var script in scripts)
        foreach (Match import in ModuleImports().Matches(Text(_assets.Find(script)!)))
        {
            var target = Resolve(script, import.Groups["path"].Value);
            Assert.True(_assets.Find(target) is not null, $"{script} imports {import.Groups["path"].Value}, which is not embedded");
        }
    }

    [Fact]
    public void Nothing_needs_inline_script_or_style()
    {
        var page = Text(_assets.Page);
        Assert.All(Regex.Matches(page, "<script[^>]*>"), tag => Assert.Contains(" src=", tag.Value));
        Assert.DoesNotMatch(@"\son[a-z]+\s*=", page);
        Assert.DoesNotContain("style=", page);
        Assert.DoesNotContain("<style", page);
        foreach (var script in AllPaths().Where(p => p.EndsWith(".js", StringComparison.Ordinal)))
        {
            var code = Text(_assets.Find(script)!);
            Assert.DoesNotContain("innerHTML", code);
            Assert.DoesNotContain("eval(", code);
        }
    }

    [Fact]
    public void Assets_carry_their_media_type_and_a_strong_entity_tag()
    {
        Assert.Equal("text/html; charset=utf-8", _assets.Page.ContentType);
        Assert.Equal("text/javascript; charset=utf-8", _assets.Find("js/app.js")!.ContentType);
        Assert.Equal("text/css; charset=utf-8", _assets.Find("css/app.css")!.ContentType);
        Assert.Equal("image/svg+xml", _assets.Find("icon.svg")!.ContentType);
        Assert.Matches("^\"[0-9a-f]{32}\"$", _assets.Page.ETag);
        Assert.NotEqual(_assets.Page.ETag, _assets.Find("js/app.js")!.ETag);
        Assert.Null(_assets.Find("index.html"));
        Assert.Null(_assets.Find("../appsettings.json"));
    }

    [Fact]
    public void Loading_twice_gives_the_same_version()
    {
        Assert.Equal(_assets.Version, WebAssets.Load().Version);
        Assert.Equal(_assets.Page.ETag, WebAssets.Load().Page.ETag);
    }

    private IEnumerable<string> AllPaths() =>
        typeof(WebAssets).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(WebAssets.ResourcePrefix, StringComparison.Ordinal))
            .Select(n => n[WebAssets.ResourcePrefix.Length..])
            .Where(p => p != WebAssets.PagePath);

    private static string Resolve(string from, string relative)
    {
        var parts = from.Split('/')[..^1].ToList();
        foreach (var segment in relative.Split('/'))
        {
            if (segment == "..") parts.RemoveAt(parts.Count - 1);
            else if (segment != ".") parts.Add(segment);
        }
        return string.Join('/', parts);
    }

    private static string Text(WebAsset asset) => Encoding.UTF8.GetString(asset.Content);

    [GeneratedRegex(@"(?:href|src)=""/web/(?<version>[0-9a-f]+)/(?<path>[^""]+)""")]
    private static partial Regex AssetLinks();

    [GeneratedRegex("""^\s*import\s[^;]*?from\s+'(?<path>\.{1,2}/[^']+)'""", RegexOptions.Multiline)]
    private static partial Regex ModuleImports();
}
