namespace VrrpLab.Report.Tests.Browser;

/// <summary>
/// One headless Chromium for every browser test: Debian's <c>chromium</c> package (installed by
/// scripts/install-deps), driven by Playwright's bundled driver, which runs offline. Playwright's own
/// browser download is never used. <c>VRRPLAB_CHROMIUM</c> overrides the executable's path.
/// </summary>
[SetUpFixture]
public sealed class BrowserSession
{
    private static IPlaywright? _playwright;
    private static IBrowser? _browser;

    /// <summary>The browser (started once).</summary>
    public static IBrowser Browser => _browser ?? throw new InvalidOperationException("the browser did not start");

    /// <summary>The Chromium executable.</summary>
    public static string Executable => Environment.GetEnvironmentVariable("VRRPLAB_CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    [OneTimeSetUp]
    public async Task Start()
    {
        if (!File.Exists(Executable))
        {
            Assert.Fail($"{Executable} is missing: the browser tests need Debian's chromium package (bash scripts/install-deps installs it)");
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            Timeout = 60_000,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
        });
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}
