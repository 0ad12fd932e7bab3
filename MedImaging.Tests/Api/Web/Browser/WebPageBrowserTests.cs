using System.Text.RegularExpressions;
using MedImaging.Testing;
using MedImaging.Tests.Api.DirectUploads;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedImaging.Tests.Api.Web.Browser;

/// <summary>
/// The web page in a real browser (Debian chromium via Playwright) against the real Api, Silo and emulators: a CR file
/// uploaded through the page is finalized, completes, is routed to xray and shows a thumbnail that loads; the list
/// filters by status; a DICOM above 8 MiB goes from the page straight to storage in presigned parts and completes; API
/// errors are shown as their problem details. No CSP violation or script error on the way.
/// </summary>
public sealed class WebPageBrowserTests(BrowserSystemFixture system) : IClassFixture<BrowserSystemFixture>
{
    private const string CrFile = "cr_mono1_ele_phi.dcm";
    private static readonly LocatorAssertionsToHaveTextOptions Processing = new() { Timeout = 90_000 };

    [Fact]
    public async Task A_cr_file_uploaded_through_the_page_completes_routed_to_xray_with_a_thumbnail_and_is_listed_by_status()
    {
        await using var browser = await system.OpenAsync();
        var page = browser.Page;
        await page.GotoAsync("/#/upload");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Upload studies");

        await page.Locator("#upload-files").SetInputFilesAsync(TestCorpus.File(CrFile));
        await Expect(page.Locator("#upload-selection")).ToContainTextAsync("1 file chosen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and finalize" }).ClickAsync();

        // One study: the page opens it by itself and refreshes it until it is finished.
        await page.WaitForURLAsync(new Regex("#/studies/[0-9.]+$"), new() { Timeout = 60_000 });
        var studyId = Uri.UnescapeDataString(new Uri(page.Url).Fragment["#/studies/".Length..]);
        await Expect(page.Locator(".study-status .badge")).ToHaveTextAsync("completed", Processing);
        var instance = page.Locator("li.instance").First;
        await Expect(instance.Locator("h3 .badge")).ToHaveTextAsync("done");
        await Expect(instance.Locator(".route")).ToHaveTextAsync("xray");
        await Expect(instance.Locator(".analysis")).ToContainTextAsync("dicom-header");
        await Expect(instance.GetByRole(AriaRole.Link, new() { Name = "De-identified DICOM" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Download report (JSON)" })).ToBeVisibleAsync();
        await Expect(page.Locator("#summary-heading + dl")).ToContainTextAsync("CR");

        var thumbnail = instance.Locator("img.thumbnail");
        await Expect(thumbnail).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('img.thumbnail'); return i && i.complete && i.naturalWidth > 0; }",
            null, new() { Timeout = 30_000 });
        Assert.True(await thumbnail.EvaluateAsync<int>("i => i.naturalWidth") > 0);
        await browser.ScreenshotAsync("study-detail");
        await AssertNoPhiShownAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Studies", Exact = true }).ClickAsync();
        var row = page.Locator($"tr[data-study='{studyId}']");
        await Expect(row).ToBeVisibleAsync();
        await page.Locator("#status-filter").SelectOptionAsync("completed");
        await page.WaitForURLAsync(new Regex("status=completed$"));
        await Expect(page.Locator("table.studies caption")).ToHaveTextAsync("Studies with status completed");
        await Expect(row.Locator(".badge")).ToHaveTextAsync("completed");
        await browser.ScreenshotAsync("study-list");
        await AssertNoPhiShownAsync(page);
        await page.Locator("#status-filter").SelectOptionAsync("failed");
        await Expect(page.Locator(".empty")).ToHaveTextAsync("No failed studies.");
        await Expect(row).ToHaveCountAsync(0);

        // On a phone-sized screen neither the list nor the detail scrolls sideways.
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/#/studies");
        await Expect(row).ToBeVisibleAsync();
        Assert.False(await ScrollsSidewaysAsync(page), "the list is wider than a phone screen");
        await page.GotoAsync($"/#/studies/{studyId}");
        await Expect(instance.Locator("img.thumbnail")).ToBeVisibleAsync();
        Assert.False(await ScrollsSidewaysAsync(page), "the study detail is wider than a phone screen");
        await browser.ScreenshotAsync("study-detail-narrow");

        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task A_dicom_above_8_MiB_goes_from_the_page_straight_to_storage_in_presigned_parts_and_completes()
    {
        const string kneeStudy = "2.25.134899623431820889591957761799300653684";
        var large = PaddedDicom.Of(TestCorpus.File("study_knee_s1_01.dcm"), 12 * 1024 * 1024 + 321);
        await using var browser = await system.OpenAsync();
        var page = browser.Page;
        var requests = new List<(string Method, Uri Url)>();
        page.Request += (_, request) => { lock (requests) requests.Add((request.Method, new Uri(request.Url))); };
        await page.GotoAsync("/#/upload");

        await page.Locator("#upload-files").SetInputFilesAsync(new FilePayload { Name = "knee-large.dcm", MimeType = "application/dicom", Buffer = large });
        await Expect(page.Locator("#upload-selection")).ToContainTextAsync("1 file chosen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and finalize" }).ClickAsync();

        await page.WaitForURLAsync(new Regex($"#/studies/{Regex.Escape(kneeStudy)}$"), new() { Timeout = 60_000 });
        await Expect(page.Locator(".study-status .badge")).ToHaveTextAsync("completed", Processing);
        await Expect(page.Locator("li.instance").First.Locator("h3 .badge")).ToHaveTextAsync("done");

        // The bytes went to the storage origin in two parts (8 MiB and the rest), never through the Api's upload endpoint.
        List<(string Method, Uri Url)> seen;
        lock (requests) seen = [.. requests];
        var puts = seen.Where(r => r.Method == "PUT").ToList();
        Assert.Equal(2, puts.Count);
        Assert.All(puts, put => Assert.NotEqual(system.BaseUrl.Authority, put.Url.Authority));
        Assert.Equal(["1", "2"], puts.Select(p => System.Web.HttpUtility.ParseQueryString(p.Url.Query)["partNumber"]));
        Assert.DoesNotContain(seen, r => r.Method == "POST" && r.Url.AbsolutePath == "/api/studies");
        Assert.Contains(seen, r => r.Method == "POST" && r.Url.AbsolutePath.EndsWith("/complete", StringComparison.Ordinal));
        using var http = new HttpClient { BaseAddress = system.BaseUrl };
        using var study = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync($"/api/studies/{kneeStudy}"));
        Assert.Equal(large.Length, Assert.Single(study.RootElement.GetProperty("instances").EnumerateArray()).GetProperty("size").GetInt64());
        // No CSP violation (connect-src allows the storage origin) and no CORS refusal (the ingest bucket's rule allows the PUT and exposes the ETag).
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task A_completed_study_whose_report_is_retried_says_so_and_is_refreshed_until_the_report_settles()
    {
        await using var browser = await system.OpenAsync();
        var page = browser.Page;
        const string study = "2.25.77001";
        var answers = 0;
        // The API's answers while the Silo retries the report write, then after its last attempt failed.
        await page.RouteAsync($"**/api/studies/{study}", async route =>
        {
            var (status, attempts) = Interlocked.Increment(ref answers) == 1 ? ("retrying", 1) : ("failed", 3);
            await route.FulfillAsync(new() { Status = 200, ContentType = "application/json", Body = $$$"""
                {"id":"{{{study}}}","status":"completed","createdAt":"2026-11-22T09:00:00Z","updatedAt":"2026-11-22T09:00:01Z",
                 "completedAt":"2026-11-22T09:00:01Z","report":null,"instances":[],"timeline":[],
                 "reportDelivery":{"status":"{{{status}}}","attempts":{{{attempts}}},"updatedAt":"2026-11-22T09:00:01Z",
                                   "deliveryId":"d","lastStatusCode":503,"error":"storage-unavailable"}}
                """ });
        });

        await page.GotoAsync($"/#/studies/{study}");
        var report = page.Locator("#summary-heading + dl div").Filter(new() { HasText = "Report" }).Locator("dd");
        await Expect(report).ToHaveTextAsync("Not written yet (1 attempt, storage-unavailable); retrying");
        await Expect(report).ToHaveTextAsync("Could not be written (3 attempts, storage-unavailable)", new() { Timeout = 10_000 });
        await page.WaitForTimeoutAsync(3_000);
        Assert.Equal(2, Volatile.Read(ref answers)); // settled: no more refreshes
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task The_list_pages_forward_and_back_through_the_api_cursor()
    {
        using var http = new HttpClient { BaseAddress = system.BaseUrl };
        string[] studies = [await UploadAsync(http, "cr_mono1_j2ki.dcm"), await UploadAsync(http, "ct_ele_14s.dcm")];
        // Finished studies keep their place in the listing (it is ordered by update time).
        foreach (var id in studies) await WaitUntilFinishedAsync(http, id);
        await using var browser = await system.OpenAsync();
        var page = browser.Page;

        await page.GotoAsync("/#/studies?limit=1");
        var rows = page.Locator("table.studies tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        var first = await rows.GetAttributeAsync("data-study");
        var previous = page.GetByRole(AriaRole.Button, new() { Name = "Previous page" });
        await Expect(previous).ToBeDisabledAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        await Expect(rows).Not.ToHaveAttributeAsync("data-study", first!);
        await Expect(rows).ToHaveCountAsync(1);
        var second = await rows.GetAttributeAsync("data-study");
        await Expect(previous).ToBeEnabledAsync();

        await previous.ClickAsync();
        await Expect(rows).ToHaveAttributeAsync("data-study", first!);
        await Expect(previous).ToBeDisabledAsync();
        Assert.NotEqual(first, second);
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task Api_errors_are_shown_as_their_problem_details()
    {
        await using var browser = await system.OpenAsync();
        var page = browser.Page;

        await page.GotoAsync("/#/studies/1.2.826.0.1.3680043.99999");
        var problem = page.GetByRole(AriaRole.Alert);
        await Expect(problem).ToContainTextAsync("Study not found");
        await Expect(problem).ToContainTextAsync("HTTP 404");
        await Expect(problem).ToContainTextAsync("No study has this id.");

        await page.GotoAsync("/#/upload");
        await page.Locator("#upload-files").SetInputFilesAsync(new FilePayload
        {
            Name = "not-an-image.dcm", MimeType = "application/octet-stream", Buffer = "this is neither DICOM nor an image"u8.ToArray(),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and finalize" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(new Regex(@"\(HTTP 4\d\d\)"));
        await Expect(page.Locator(".upload-state")).ToHaveTextAsync("The upload failed.");
        await browser.ScreenshotAsync("upload-refused");

        // The browser logs failed requests as console errors; those are the API's answers under test, nothing else.
        Assert.All(browser.Errors, error => Assert.Contains("status of 4", error));
    }

    private static Task<bool> ScrollsSidewaysAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");

    /// <summary>The page shows only what the PHI-free API returns: none of the uploaded file's identifying values.</summary>
    private static async Task AssertNoPhiShownAsync(IPage page)
    {
        var phi = CorpusPhi.ValuesOf(TestCorpus.File(CrFile));
        Assert.Contains("DOE", phi);
        var shown = await page.Locator("body").InnerTextAsync() + await page.ContentAsync();
        Assert.All(phi, value => Assert.DoesNotContain(value, shown, StringComparison.Ordinal));
    }

    private static async Task<string> UploadAsync(HttpClient http, string corpusFile)
    {
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(TestCorpus.File(corpusFile)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/dicom");
        using var response = await http.PostAsync("/api/studies", content);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("id").GetString()!;
    }

    private static async Task WaitUntilFinishedAsync(HttpClient http, string id)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            using var study = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync($"/api/studies/{Uri.EscapeDataString(id)}"));
            if (study.RootElement.GetProperty("status").GetString() is "completed" or "failed") return;
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), $"study {id} not finished after 90 s");
            await Task.Delay(250);
        }
    }
}
