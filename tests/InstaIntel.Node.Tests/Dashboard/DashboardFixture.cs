using System.Net.Http.Json;
using System.Text.Json;
using InstaIntel.Instagram.Browser;
using InstaIntel.Simulator.Hosting;
using InstaIntel.Simulator.Network;
using InstaIntel.Storage;
using InstaIntel.Testing;
using Microsoft.Playwright;

namespace InstaIntel.Node.Tests.Dashboard;

/// <summary>The test classes that share one demo node (<see cref="DashboardFixture"/>): it takes minutes to fill, so it starts once.</summary>
[CollectionDefinition(Name)]
public sealed class DemoNodeCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "demo node";
}

/// <summary>
/// A node running the demo (the simulator's network, the demo account logged in through the simulator's login page,
/// continuous processing on) and a Debian Chromium driven by Playwright, shared by the dashboard tests.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public const string Account = "demo_user";

    private SimulatorHost _simulator = null!;

    public SimulatorHost Simulator => _simulator;
    private TestDatabase _database = null!;
    private IPlaywright _playwright = null!;
    private DirectoryInfo _folder = null!;

    public RunningNode Node { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "dashboard-screenshots");

    public async Task InitializeAsync()
    {
        _simulator = await SimulatorHost.StartAsync(new SimulatorOptions
        {
            Network = new NetworkOptions { Profiles = 120, DemoFollowers = 60, DemoMutuals = 20, DemoFollowingOnly = 10, StoryProbability = 0.6 },
        });
        _database = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite);
        _folder = Directory.CreateTempSubdirectory("instaintel-dashboard-");
        Node = await RunningNode.StartAsync(_database.Storage, new Dictionary<string, string?>
        {
            ["InstaIntel:Instagram:BaseUrl"] = _simulator.BaseUrl.ToString(),
            ["InstaIntel:Demo:Enabled"] = "true",
            ["InstaIntel:Accounts:TickInterval"] = "00:00:02",
            ["InstaIntel:Accounts:Budget:RequestsPerWindow"] = "1000",
            ["InstaIntel:Accounts:Budget:Window"] = "00:01:00",
            ["InstaIntel:Blobs:Path"] = Path.Combine(_folder.FullName, "blobs"),
            ["InstaIntel:Models:Directory"] = ModelsFolder.Path,
            ["InstaIntel:Dashboard:KeyRingPath"] = Path.Combine(_folder.FullName, "dashboard-keys"),
        });
        Directory.CreateDirectory(ScreenshotFolder);
        _playwright = await Playwright.CreateAsync();
        var chromium = new BrowserOptions();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium.ExecutablePath,
            Headless = true,
            Args = chromium.Args,
        });
        await WaitForDemoDataAsync();
    }

    /// <summary>A browser page logged in with the test node's API key.</summary>
    public async Task<(IBrowserContext Context, IPage Page, List<string> Errors)> LoggedInPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Node.Address.ToString() });
        // The node analyses media with the ONNX models meanwhile: two busy cores make pages and screenshots slow.
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") lock (errors) errors.Add($"console: {message.Text}"); };
        page.PageError += (_, error) => { lock (errors) errors.Add($"page error: {error}"); };
        await page.GotoAsync("/login");
        await page.FillAsync("input[name=apiKey]", RunningNode.ApiKey);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/login"));
        return (context, page, errors);
    }

    /// <summary>
    /// Writes <paramref name="name"/>.png of the page for a reviewer: the whole page up to 4,000 px high. Headless
    /// Chromium refused full-page captures of a long page under load ("Unable to capture screenshot"); should even the
    /// clipped capture be refused, the visible part is taken instead. The screenshot is for people to look at: the
    /// tests' assertions are on the page itself.
    /// </summary>
    public async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(ScreenshotFolder, $"{name}.png");
        var height = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        var width = page.ViewportSize?.Width ?? 1280;
        try
        {
            await page.ScreenshotAsync(new PageScreenshotOptions
            {
                Path = path, FullPage = true, Clip = new Clip { X = 0, Y = 0, Width = width, Height = Math.Min(height, 4000) }, Timeout = 120_000,
            });
        }
        catch (PlaywrightException refused) when (refused.Message.Contains("Unable to capture screenshot", StringComparison.Ordinal))
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, Timeout = 120_000 });
        }
    }

    /// <summary>Waits until the demo account's first story sync filled the database (profiles and stories to show).</summary>
    private async Task WaitForDemoDataAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        string runs = "";
        while (DateTime.UtcNow < deadline)
        {
            var response = await Node.Http.GetAsync($"/api/accounts/{Account}/runs");
            if (response.IsSuccessStatusCode)
            {
                runs = await response.Content.ReadAsStringAsync();
                using var document = JsonDocument.Parse(runs);
                if (document.RootElement.EnumerateArray().Any(run => run.GetProperty("status").GetString() == "succeeded"
                        && run.GetProperty("stats").TryGetProperty("stories_new", out var stories) && stories.GetInt32() > 0))
                    return;
            }
            await Task.Delay(1000);
        }
        throw new TimeoutException($"the demo account's story sync never succeeded; runs: {runs}");
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (Node is not null) await Node.DisposeAsync();
        await _database.DisposeAsync();
        await _simulator.DisposeAsync();
        _folder?.Delete(recursive: true);
    }
}
