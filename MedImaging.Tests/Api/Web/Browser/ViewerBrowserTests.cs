using System.Net.Http.Headers;
using MedImaging.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace MedImaging.Tests.Api.Web.Browser;

/// <summary>
/// The viewer (Cornerstone3D) in a real browser against the real Api, Silo and emulators: files uploaded through the
/// API are processed, then opened from the study page. Every test checks that the page fetched nothing but from the
/// Api and S3, showed none of the originals' identifying values and reported no script or CSP error.
/// </summary>
public sealed class ViewerBrowserTests(BrowserSystemFixture system, ITestOutputHelper output) : IClassFixture<BrowserSystemFixture>
{
    private const string Ct = "ct_ele_14s.dcm";

    [Fact]
    public async Task A_ct_opens_and_a_mouse_drag_changes_the_pixels_as_the_new_window_says()
    {
        var study = await UploadAsync(Ct);
        await using var browser = await system.OpenAsync();
        var requests = Record(browser.Page);
        var viewer = new ViewerPage(browser.Page);

        var firstImage = await viewer.OpenFromStudyAsync(study);
        Report($"time to first image, 512x512 CT ({Ct}): {firstImage} ms from the click (page: {await viewer.NumberAsync("first-image-ms")} ms)");
        await Expect(viewer.Overlay("modality")).ToHaveTextAsync("CT");

        await viewer.PressAsync("4"); // abdomen: W 400 L 40
        await Expect(viewer.Overlay("window")).ToHaveTextAsync("W 400 L 40");
        var (before, width, height) = await viewer.PixelsAsync();

        var box = (await viewer.Stage.BoundingBoxAsync())!;
        var page = browser.Page;
        await page.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + box.Width / 2 + 120, box.Y + box.Height / 2 + 40, new() { Steps = 6 });
        await page.Mouse.UpAsync();
        var (after, _, _) = await viewer.PixelsAsync();
        var newWidth = await viewer.NumberAsync("window-width");
        var newCenter = await viewer.NumberAsync("window-center");
        Assert.True(newWidth > 400, $"dragging right widens the window (W {newWidth})");
        Assert.True(newCenter > 40, $"dragging down raises the level (L {newCenter})");

        // Every pixel the first window did not clip: from its gray back to the value, then through the new window.
        var compared = 0;
        var matching = 0;
        for (var i = 0; i < width * height; i++)
        {
            if (before[i] is < 8 or > 247) continue;
            var value = (before[i] / 255.0 - 0.5) * 400 + 40;
            var expected = Math.Clamp(((value - newCenter) / newWidth + 0.5) * 255, 0, 255);
            compared++;
            if (Math.Abs(after[i] - expected) <= 4) matching++;
        }
        Report($"W/L drag: W 400 L 40 -> W {newWidth:0} L {newCenter:0}; {matching} of {compared} unclipped pixels as expected");
        Assert.True(compared > 5_000, $"only {compared} unclipped pixels to compare");
        Assert.True(matching >= compared * 0.95, $"{matching} of {compared} pixels show the new window");
        await browser.ScreenshotAsync("viewer-ct");

        await AssertCleanAsync(browser, requests, Ct);
    }

    [Fact]
    public async Task Wheel_zoom_and_keyboard_zoom_pan_invert_and_reset_change_the_view()
    {
        var study = await UploadAsync(Ct);
        await using var browser = await system.OpenAsync();
        var requests = Record(browser.Page);
        var viewer = new ViewerPage(browser.Page);
        await viewer.OpenFromStudyAsync(study);
        await viewer.PressAsync("1"); // brain
        var (fit, _, _) = await viewer.PixelsAsync();
        var zoom = await viewer.NumberAsync("zoom");

        var box = (await viewer.Stage.BoundingBoxAsync())!;
        await browser.Page.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        for (var i = 0; i < 3; i++) await browser.Page.Mouse.WheelAsync(0, -100);
        await viewer.RenderedAsync();
        var zoomed = await viewer.NumberAsync("zoom");
        Assert.True(zoomed > zoom * 1.25, $"wheel up zooms in ({zoom} -> {zoomed})");
        var (closer, _, _) = await viewer.PixelsAsync();
        Assert.True(Lit(closer) > Lit(fit) * 1.2, $"the head covers more of the canvas zoomed in ({Lit(fit)} -> {Lit(closer)} lit pixels)");
        await Expect(viewer.Overlay("zoom")).ToHaveTextAsync($"Zoom {Math.Round(zoomed * 100)}%");

        await viewer.PressAsync("-");
        Assert.True(await viewer.NumberAsync("zoom") < zoomed, "the minus key zooms out");
        var (beforePan, _, _) = await viewer.PixelsAsync();
        await viewer.PressAsync("Shift+ArrowRight");
        var (panned, _, _) = await viewer.PixelsAsync();
        Assert.NotEqual(beforePan, panned);
        await viewer.PressAsync("i");
        await Expect(viewer.Stage).ToHaveAttributeAsync("data-invert", "true");
        var (inverted, _, _) = await viewer.PixelsAsync();
        Assert.True(Lit(inverted) > Lit(panned), "inverting lights the background");
        await viewer.PressAsync("r");
        await Expect(viewer.Stage).ToHaveAttributeAsync("data-invert", "false");
        Assert.Equal(zoom, await viewer.NumberAsync("zoom"), 3);

        await AssertCleanAsync(browser, requests, Ct);
    }

    [Fact]
    public async Task A_multi_frame_instance_scrolls_through_all_of_its_frames()
    {
        const string file = "mr_enh_mf10_ele_12u.dcm";
        var study = await UploadAsync(file);
        await using var browser = await system.OpenAsync();
        var requests = Record(browser.Page);
        var viewer = new ViewerPage(browser.Page);
        var firstImage = await viewer.OpenFromStudyAsync(study);
        Report($"time to first image, 10-frame MR ({file}): {firstImage} ms");

        var seen = new List<byte[]>();
        for (var frame = 1; frame <= 10; frame++)
        {
            await Expect(viewer.Overlay("frame")).ToHaveTextAsync($"Frame {frame} of 10");
            seen.Add((await viewer.PixelsAsync()).Gray);
            await viewer.PressAsync("PageDown");
        }
        await Expect(viewer.Overlay("frame")).ToHaveTextAsync("Frame 10 of 10");
        Assert.True(seen.Distinct(new BytesComparer()).Count() >= 9, "the frames show different images");
        await viewer.PressAsync("Home");
        await Expect(viewer.Overlay("frame")).ToHaveTextAsync("Frame 1 of 10");
        Assert.Equal(seen[0], (await viewer.PixelsAsync()).Gray);

        await AssertCleanAsync(browser, requests, file);
    }

    [Fact]
    public async Task A_96_frame_cine_opens_and_scrolls_through_every_frame()
    {
        var path = Path.Combine(Path.GetTempPath(), $"viewer-cine-{Guid.NewGuid():N}.dcm");
        await File.WriteAllBytesAsync(path, SyntheticCine.Create());
        try
        {
            var study = await UploadPathsAsync(path);
            await using var browser = await system.OpenAsync();
            var requests = Record(browser.Page);
            var viewer = new ViewerPage(browser.Page);

            var firstImage = await viewer.OpenFromStudyAsync(study);
            Report($"time to first image, {SyntheticCine.Frames}-frame {new FileInfo(path).Length / 1e6:0.0} MB XA cine: {firstImage} ms from the click (page: {await viewer.NumberAsync("first-image-ms")} ms)");
            await Expect(viewer.Overlay("modality")).ToHaveTextAsync("XA");
            var heapBefore = await HeapAsync(browser.Page);
            var samples = new Dictionary<int, byte[]>();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            for (var frame = 1; frame <= SyntheticCine.Frames; frame++)
            {
                await Expect(viewer.Overlay("frame")).ToHaveTextAsync($"Frame {frame} of {SyntheticCine.Frames}");
                if (frame is 1 or 2 or 48 or SyntheticCine.Frames) samples[frame] = (await viewer.PixelsAsync()).Gray;
                await viewer.PressAsync("PageDown");
            }
            Report($"scrolled {SyntheticCine.Frames} frames in {clock.ElapsedMilliseconds} ms; JS heap {heapBefore / 1e6:0} -> {await HeapAsync(browser.Page) / 1e6:0} MB");
            Assert.Equal(samples.Count, samples.Values.Distinct(new BytesComparer()).Count());

            await AssertCleanAsync(browser, requests, path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static Task<double> HeapAsync(IPage page) =>
        page.EvaluateAsync<double>("() => performance.memory?.usedJSHeapSize ?? 0");

    [Fact]
    public async Task A_two_series_mr_study_steps_through_its_slices_in_instance_order()
    {
        // Uploaded out of order; series 2 is JPEG-LS lossless.
        string[] files = ["study_knee_s2_03.dcm", "study_knee_s1_03.dcm", "study_knee_s1_01.dcm", "study_knee_s2_01.dcm",
            "study_knee_s1_04.dcm", "study_knee_s2_02.dcm", "study_knee_s1_02.dcm"];
        var study = await UploadAsync(files);
        await using var browser = await system.OpenAsync();
        var requests = Record(browser.Page);
        var viewer = new ViewerPage(browser.Page);

        var counts = new List<int>();
        foreach (var series in new[] { 1, 2 })
        {
            await viewer.OpenFromStudyAsync(study, series);
            var count = await ImageCountAsync(viewer);
            counts.Add(count);
            var shown = new List<byte[]>();
            for (var slice = 1; slice <= count; slice++)
            {
                await Expect(viewer.Overlay("image")).ToHaveTextAsync($"Image {slice} of {count}");
                await Expect(viewer.Overlay("instance")).ToHaveTextAsync($"Instance {slice}");
                var (gray, _, _) = await viewer.PixelsAsync();
                Assert.True(Lit(gray) > 1_000, $"series {series} slice {slice} shows an image");
                shown.Add(gray);
                await viewer.PressAsync("PageDown");
            }
            Assert.Equal(count, shown.Distinct(new BytesComparer()).Count());
        }
        Assert.Equal([4, 3], counts.Order().Reverse().ToArray());

        await AssertCleanAsync(browser, requests, files);
    }

    public static TheoryData<string> Compressed => new()
    {
        "ct_jpll70_12u.dcm",      // JPEG lossless SV1
        "ct_jls81_14s_phi.dcm",   // JPEG-LS near-lossless
        "ct_j2kr_14s.dcm",        // JPEG 2000 lossless
        "ct_rle_frags.dcm",       // RLE, a frame in several fragments
        "us_mono8_jpeg50.dcm",    // JPEG baseline, declared free of burned-in text below (else quarantined, never shown)
        "mg_jpeg51_12u.dcm",      // JPEG extended 12-bit
        "cr_mono1_j2ki.dcm",      // JPEG 2000 lossy, MONOCHROME1
        "ct_ebe_undefsq.dcm",     // explicit VR big endian
        "mr_enh_mf10_deflate_phi.dcm", // deflated explicit VR little endian, multi-frame
    };

    [Theory]
    [MemberData(nameof(Compressed))]
    public async Task A_compressed_instance_displays(string file)
    {
        var study = file.StartsWith("us_", StringComparison.Ordinal)
            ? await UploadPathsAsync(await WithoutBurnedInTextAsync(TestCorpus.File(file)))
            : await UploadAsync(file);
        await using var browser = await system.OpenAsync();
        var requests = Record(browser.Page);
        var viewer = new ViewerPage(browser.Page);

        var firstImage = await viewer.OpenFromStudyAsync(study);
        Report($"time to first image, {file}: {firstImage} ms");
        var (gray, _, _) = await viewer.PixelsAsync();
        await browser.ScreenshotAsync($"viewer-{Path.GetFileNameWithoutExtension(file)}");
        Assert.True(Lit(gray) > 500, $"{file}: the canvas shows an image ({Lit(gray)} lit pixels; errors: {string.Join(" | ", browser.Errors)})");
        Assert.True(gray.Distinct().Count() > 16, $"{file}: the image has more than a few gray levels");

        await AssertCleanAsync(browser, requests, file);
    }

    private static async Task<int> ImageCountAsync(ViewerPage viewer)
    {
        var text = await viewer.Overlay("image").InnerTextAsync(); // "Image 1 of N"
        return int.Parse(text[(text.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static int Lit(byte[] gray) => gray.Count(g => g > 40);

    private List<string> Record(IPage page)
    {
        var urls = new List<string>();
        page.Request += (_, request) => { lock (urls) urls.Add(request.Url); };
        return urls;
    }

    /// <summary>Only the Api's and S3's origins were asked; no identifying value of the originals is on the page; no error.</summary>
    private async Task AssertCleanAsync(BrowserPage browser, List<string> requests, params string[] files)
    {
        var api = system.BaseUrl.GetLeftPart(UriPartial.Authority);
        string[] origins;
        lock (requests) origins = requests.Select(u => new Uri(u).GetLeftPart(UriPartial.Authority)).Distinct().ToArray();
        Assert.All(origins, origin => Assert.Contains(origin, new[] { api, system.S3Origin }));
        lock (requests)
        {
            Assert.DoesNotContain(requests, u => u.Contains("/incoming/", StringComparison.Ordinal));
            // Each de-identified file is fetched once: its header and every frame's pixels come from that one copy.
            Assert.All(requests.Where(u => u.EndsWith("/dicom", StringComparison.Ordinal)).GroupBy(u => u), g => Assert.Single(g));
        }

        var shown = await browser.Page.Locator("body").InnerTextAsync() + await browser.Page.ContentAsync();
        foreach (var file in files)
            Assert.All(CorpusPhi.ValuesOf(Path.IsPathRooted(file) ? file : TestCorpus.File(file)),
                value => Assert.DoesNotContain(value, shown, StringComparison.Ordinal));
        Assert.Empty(browser.Errors);
    }

    private void Report(string line)
    {
        output.WriteLine(line);
        Console.WriteLine(line);
    }

    /// <summary>
    /// A copy of an ultrasound file saying Burned In Annotation NO (dcmtk's dcmodify, pixel data untouched): the pipeline
    /// quarantines ultrasound that does not say so, and the corpus' JPEG baseline files are all ultrasound or photos.
    /// </summary>
    private static async Task<string> WithoutBurnedInTextAsync(string path)
    {
        var copy = Path.Combine(Path.GetTempPath(), $"viewer-{Guid.NewGuid():N}.dcm");
        File.Copy(path, copy);
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("dcmodify", ["-nb", "-i", "(0028,0301)=NO", copy])
            { RedirectStandardError = true })!;
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return copy;
    }

    private Task<string> UploadAsync(params string[] files) => UploadPathsAsync(files.Select(TestCorpus.File).ToArray());

    /// <summary>Uploads the files as one multipart request (one study), finalized; waits until the study is finished.</summary>
    private async Task<string> UploadPathsAsync(params string[] files)
    {
        using var http = new HttpClient { BaseAddress = system.BaseUrl };
        using var form = new MultipartFormDataContent();
        foreach (var file in files)
        {
            var content = new ByteArrayContent(await File.ReadAllBytesAsync(file));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
            form.Add(content, "file", Path.GetFileName(file));
        }
        using var response = await http.PostAsync("/api/studies", form);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var id = body.RootElement.GetProperty("id").GetString()!;

        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            using var study = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync($"/api/studies/{Uri.EscapeDataString(id)}"));
            var status = study.RootElement.GetProperty("status").GetString();
            if (status == "completed")
            {
                foreach (var instance in study.RootElement.GetProperty("instances").EnumerateArray())
                    if (!instance.TryGetProperty("result", out var result) || result.ValueKind != System.Text.Json.JsonValueKind.Object
                        || !result.TryGetProperty("routing", out var routing) || routing.ValueKind != System.Text.Json.JsonValueKind.Object
                        || routing.GetProperty("destination").GetString() == "quarantine")
                        Report($"not viewable: {instance.GetProperty("status")} {(instance.TryGetProperty("result", out var r) ? r.ToString() : "")}");
                return id;
            }
            Assert.NotEqual("failed", status);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(120), $"study {id} not finished after 120 s");
            await Task.Delay(250);
        }
    }

    private sealed class BytesComparer : IEqualityComparer<byte[]>
    {
        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);
        public int GetHashCode(byte[] obj) => obj.Length == 0 ? 0 : HashCode.Combine(obj.Length, obj[obj.Length / 2], obj[obj.Length / 3]);
    }
}
