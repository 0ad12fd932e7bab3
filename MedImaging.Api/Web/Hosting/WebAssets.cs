using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace MedImaging.Api.Web.Hosting;

/// <summary>
/// The web page's files, embedded in the Api assembly (no wwwroot to deploy) and read once. Assets are served under
/// <c>/web/{Version}/</c>, where the version hashes every file, so they can be cached forever: a changed file changes
/// the version, and the page (never cached without revalidation) then points at the new one.
/// </summary>
public sealed class WebAssets
{
    public const string ResourcePrefix = "web/";
    public const string PagePath = "index.html";
    private const string VersionPlaceholder = "{{assets}}";

    private readonly Dictionary<string, WebAsset> _assets;

    private WebAssets(Dictionary<string, WebAsset> assets, string version, WebAsset page)
    {
        _assets = assets;
        Version = version;
        Page = page;
    }

    /// <summary>A hash of every file: the path segment that makes asset URLs immutable.</summary>
    public string Version { get; }

    /// <summary>The page at <c>/</c>, its asset links pointing at <see cref="AssetBase"/>.</summary>
    public WebAsset Page { get; }

    public string AssetBase => $"/web/{Version}/";

    public WebAsset? Find(string path) => _assets.GetValueOrDefault(path);

    public static WebAssets Load() => Load(typeof(WebAssets).Assembly);

    public static WebAssets Load(Assembly assembly)
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[name[ResourcePrefix.Length..].Replace('\\', '/')] = copy.ToArray();
        }
        if (!files.TryGetValue(PagePath, out var template))
            throw new InvalidOperationException($"The web page ({ResourcePrefix}{PagePath}) is not embedded in {assembly.GetName().Name}.");

        var version = VersionOf(files);
        var assets = files.Where(f => f.Key != PagePath)
            .ToDictionary(f => f.Key, f => Asset(f.Key, f.Value), StringComparer.Ordinal);
        var page = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(template).Replace(VersionPlaceholder, $"/web/{version}"));
        return new WebAssets(assets, version, Asset(PagePath, page));
    }

    private static string VersionOf(SortedDictionary<string, byte[]> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (path, content) in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(path));
            hash.AppendData(SHA256.HashData(content));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    private static WebAsset Asset(string path, byte[] content) =>
        new(path, WebContentTypes.Of(path), content, $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..32]}\"");
}
