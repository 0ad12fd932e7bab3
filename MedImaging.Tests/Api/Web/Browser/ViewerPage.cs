using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedImaging.Tests.Api.Web.Browser;

/// <summary>The viewer as a test drives it: opening a series from the study page, reading its canvas and state.</summary>
public sealed class ViewerPage(IPage page)
{
    public ILocator Stage => page.Locator(".viewer-stage");

    public ILocator Overlay(string name) => page.Locator($"[data-overlay='{name}']");

    /// <summary>Opens the study's detail, follows its link to the series, waits for the first image; returns the ms it took.</summary>
    public async Task<long> OpenFromStudyAsync(string studyId, int series = 1)
    {
        await page.GotoAsync($"/#/studies/{Uri.EscapeDataString(studyId)}");
        var link = page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex($"^View series {series}:") });
        await Expect(link).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await link.ClickAsync();
        var outcome = page.Locator(".viewer-stage[data-ready='true'], .problem");
        await Expect(outcome).ToHaveCountAsync(1, new() { Timeout = 60_000 });
        if (await page.Locator(".problem").CountAsync() > 0)
            Assert.Fail($"the viewer did not open: {await page.Locator(".problem").InnerTextAsync()}");
        await RenderedAsync();
        return clock.ElapsedMilliseconds;
    }

    /// <summary>Waits two animation frames: Cornerstone draws on the next frame after a change.</summary>
    public Task RenderedAsync() =>
        page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50))))");

    /// <summary>The canvas' red channel (the images here are grayscale), its width and height.</summary>
    public async Task<(byte[] Gray, int Width, int Height)> PixelsAsync()
    {
        await RenderedAsync();
        var result = await page.EvaluateAsync<System.Text.Json.JsonElement>("""
            () => {
              const canvas = document.querySelector('.viewer-canvas canvas');
              const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
              let text = '';
              for (let i = 0; i < data.length; i += 4) text += String.fromCharCode(data[i]);
              return { gray: btoa(text), width: canvas.width, height: canvas.height };
            }
            """);
        return (Convert.FromBase64String(result.GetProperty("gray").GetString()!), result.GetProperty("width").GetInt32(), result.GetProperty("height").GetInt32());
    }

    public async Task<double> NumberAsync(string attribute) =>
        double.Parse((await Stage.GetAttributeAsync($"data-{attribute}"))!, System.Globalization.CultureInfo.InvariantCulture);

    public async Task PressAsync(string key)
    {
        await Stage.PressAsync(key);
        await RenderedAsync();
    }
}
