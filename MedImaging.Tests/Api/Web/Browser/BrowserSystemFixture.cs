using Microsoft.Playwright;

using MedImaging.Tests.AppHost;
namespace MedImaging.Tests.Api.Web.Browser;

/// <summary>
/// The whole system (emulators, Api, Silo, as the AppHost testing builder starts them) and one headless Debian
/// chromium driven by Playwright, shared by every browser test: a browser launch and a system start cost seconds each.
/// Each test opens its own context (fresh storage, its own page).
/// </summary>
public sealed class BrowserSystemFixture : IAsyncLifetime
{
    /// <summary>Debian's chromium (scripts/install-deps.sh); Playwright's own browser download is not reachable here.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private MedImagingApp? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Uri BaseUrl => _app?.ApiBaseUrl ?? throw new InvalidOperationException("not started");

    /// <summary>The S3 emulator's origin, where presigned URLs point (the only origin besides the Api the page may use).</summary>
    public string S3Origin => new Uri((_app ?? throw new InvalidOperationException("not started")).AwsOptions.ServiceUrl.S3!).GetLeftPart(UriPartial.Authority);

    public async Task InitializeAsync()
    {
        var starting = MedImagingApp.StartAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Timeout = 60_000,
        });
        _app = await starting;
    }

    /// <summary>A page in a fresh context that records console errors and uncaught exceptions (CSP violations show there).</summary>
    public async Task<BrowserPage> OpenAsync()
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl.ToString(), Locale = "en-US" });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") lock (errors) errors.Add(message.Text); };
        page.PageError += (_, error) => { lock (errors) errors.Add(error); };
        return new BrowserPage(context, page, errors);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
    }
}

/// <summary>One test's page and what its console reported.</summary>
public sealed class BrowserPage(IBrowserContext context, IPage page, List<string> errors) : IAsyncDisposable
{
    public IPage Page => page;

    public IReadOnlyList<string> Errors { get { lock (errors) return [.. errors]; } }

    /// <summary>Saves a full-page screenshot when MEDIMAGING_WEB_SCREENSHOTS names a folder (to look at the page); else nothing.</summary>
    public async Task ScreenshotAsync(string name)
    {
        if (Environment.GetEnvironmentVariable("MEDIMAGING_WEB_SCREENSHOTS") is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}.png"), FullPage = true });
    }

    public ValueTask DisposeAsync() => new(context.CloseAsync());
}
