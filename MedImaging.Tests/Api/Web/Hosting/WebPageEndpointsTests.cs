using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using MedImaging.Tests.AppHost.Emulators;

namespace MedImaging.Tests.Api.Web.Hosting;

/// <summary>The running Api serves the page at / and its assets, with the CSP, caching and revalidation headers.</summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed partial class WebPageEndpointsTests(AwsEmulatorFixture emulators) : IAsyncLifetime
{
    private ApiUnderTest _api = null!;

    public async Task InitializeAsync() => _api = await ApiUnderTest.StartAsync(emulators);

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task The_page_is_served_at_the_root_with_a_strict_policy_and_revalidation()
    {
        using var response = await _api.Http.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<main id=\"main\"", page);
        var policy = Header(response, "Content-Security-Policy");
        Assert.Contains("script-src 'self' 'wasm-unsafe-eval';", policy);
        Assert.Contains($"img-src 'self' {new Uri(emulators.AwsOptions.ServiceUrl.S3!).GetLeftPart(UriPartial.Authority)};", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.True(response.Headers.CacheControl?.NoCache, "the page must be revalidated");
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task A_revalidated_page_is_not_sent_again()
    {
        using var first = await _api.Http.GetAsync("/");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var second = await _api.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Assets_are_immutable_under_their_version_and_carry_the_policy()
    {
        var page = await _api.Http.GetStringAsync("/");
        var links = AssetLink().Matches(page).Select(m => m.Groups["url"].Value).ToList();
        Assert.Contains(links, l => l.EndsWith("/js/app.js", StringComparison.Ordinal));

        foreach (var link in links)
        {
            using var response = await _api.Http.GetAsync(link);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl?.MaxAge);
            Assert.Contains("immutable", response.Headers.CacheControl!.Extensions.Select(e => e.Name));
            Assert.Contains("script-src 'self'", Header(response, "Content-Security-Policy"));
        }
        using var script = await _api.Http.GetAsync(links.First(l => l.EndsWith(".js", StringComparison.Ordinal)));
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_asset_of_another_version_or_an_unknown_file_is_a_problem()
    {
        var page = await _api.Http.GetStringAsync("/");
        var app = AssetLink().Matches(page).Select(m => m.Groups["url"].Value).First(l => l.EndsWith("/js/app.js", StringComparison.Ordinal));
        var stale = Regex.Replace(app, "/web/[0-9a-f]+/", "/web/0000000000000000/");

        using var staleResponse = await _api.Http.GetAsync(stale);
        using var unknown = await _api.Http.GetAsync(app.Replace("app.js", "missing.js", StringComparison.Ordinal));

        await ApiUnderTest.AssertProblemAsync(staleResponse, 404);
        await ApiUnderTest.AssertProblemAsync(unknown, 404);
        Assert.False(staleResponse.Headers.CacheControl?.MaxAge > TimeSpan.Zero, "a missing asset must not be cached");
    }

    [Fact]
    public async Task The_page_is_not_part_of_the_openapi_document()
    {
        var document = await _api.Http.GetStringAsync("/openapi/v1.json");

        Assert.DoesNotContain("\"/web/", document);
        Assert.DoesNotContain("\"/\":", document);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : "";

    [GeneratedRegex(@"(?:href|src)=""(?<url>/web/[^""]+)""")]
    private static partial Regex AssetLink();
}
