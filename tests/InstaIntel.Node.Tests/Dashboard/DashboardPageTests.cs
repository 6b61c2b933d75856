using System.Net;
using System.Text.RegularExpressions;
using InstaIntel.Domain.Operations;
using InstaIntel.Node.Failures;
using InstaIntel.Storage;
using InstaIntel.Storage.Operations;
using InstaIntel.Storage.Profiles;
using LinqToDB;
using LinqToDB.Async;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace InstaIntel.Node.Tests.Dashboard;

/// <summary>The dashboard in Debian's Chromium against a node running the demo network.</summary>
[Collection(DemoNodeCollection.Name)]
public sealed class DashboardPageTests(DashboardFixture fixture)
{
    private const string Account = DashboardFixture.Account;

    [Fact]
    public async Task A_request_without_credentials_is_refused_and_sent_to_the_login_page()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Node.Address };
        foreach (var path in new[] { "/", $"/accounts/{Account}", $"/accounts/{Account}/profiles", $"/accounts/{Account}/stories", $"/accounts/{Account}/people", "/operations" })
        {
            using var response = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery);
        }
        // A forged or stale cookie is no credential either.
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/");
        forged.Headers.Add("Cookie", "instaintel_dashboard=CfDJ8forged");
        using var refused = await anonymous.SendAsync(forged);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        // A wrong key does not log in.
        var (context, page, _) = await OpenAsync();
        await using var _c = context;
        await page.GotoAsync("/login");
        await page.FillAsync("input[name=apiKey]", "ii_not-a-key");
        var answer = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("button[type=submit]"), r => r.Url.Contains("/login") && r.Request.Method == "POST");
        Assert.Equal(401, answer.Status);
        Assert.Contains("not valid", await page.TextContentAsync("[role=alert]"));
    }

    [Fact]
    public async Task Every_page_loads_without_console_errors_and_is_captured_in_a_screenshot()
    {
        var (context, page, errors) = await fixture.LoggedInPageAsync();
        await using var _ = context;
        var profile = await FirstProfileAsync();
        var pages = new (string Name, string Path, string Expect)[]
        {
            ("fleet", "/", "#fleet"),
            ("account", $"/accounts/{Account}", "#runs"),
            ("profiles", $"/accounts/{Account}/profiles", "#profiles"),
            ("profile", $"/accounts/{Account}/profiles/{profile}", "#profile"),
            ("stories", $"/accounts/{Account}/stories", "#story-grid"),
            ("people", $"/accounts/{Account}/people", "#people"),
            ("operations", "/operations", "#health"),
        };
        foreach (var (name, path, expect) in pages)
        {
            var response = await page.GotoAsync(path);
            Assert.True(response!.Ok, $"{path} answered {response.Status}");
            Assert.NotNull(await page.QuerySelectorAsync(expect));
            await fixture.ScreenshotAsync(page, name);
        }
        // The fleet lists the demo account with its node; the profiles page holds the synced profiles; the grid shows stored story images.
        await page.GotoAsync("/");
        Assert.Contains("akka.tcp://", await page.TextContentAsync($"tr[data-account='{Account}']"));
        await page.GotoAsync($"/accounts/{Account}/stories");
        var images = await page.QuerySelectorAllAsync("#story-grid img");
        Assert.NotEmpty(images);
        // The grid's images load lazily: those below the fold are asked for now, and each must decode.
        Assert.True(await page.EvaluateAsync<bool>("""
            async () => {
                const images = [...document.querySelectorAll('#story-grid img')];
                images.forEach(i => i.loading = 'eager');
                const decoded = await Promise.all(images.map(i => i.decode().then(() => true, () => false)));
                return decoded.every(ok => ok) && images.every(i => i.naturalWidth > 0);
            }
            """), "a story image did not load");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task The_fleet_page_run_now_button_starts_a_run_whose_progress_appears_on_the_account_page()
    {
        var (context, page, errors) = await fixture.LoggedInPageAsync();
        await using var _ = context;
        var runsBefore = await RunCountAsync();
        // The demo's own schedule may hold a run in flight: a refusal says so, and the button works once it is idle.
        string flash = "";
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            await page.GotoAsync("/");
            await page.ClickAsync($"tr[data-account='{Account}'] button:has-text('Run now')");
            flash = await page.TextContentAsync("[role=status]") ?? "";
            if (flash.StartsWith("Run started")) break;
            Assert.Contains("Run not started", flash);
            await Task.Delay(1000);
        }
        Assert.StartsWith("Run started", flash);
        // The button led to the account page, where the run shows up: in flight, then recorded in the runs table.
        Assert.Contains($"/accounts/{Account}", page.Url);
        var recorded = false;
        while (!recorded && DateTime.UtcNow < deadline.AddMinutes(1))
        {
            recorded = await RunCountAsync() > runsBefore
                       && (await page.QuerySelectorAllAsync("#runs tbody tr")).Count > 0
                       && (await page.TextContentAsync("#runs tbody tr:first-child"))!.Trim().Length > 0;
            if (!recorded) { await Task.Delay(1000); await page.ReloadAsync(); }
        }
        Assert.True(recorded, "the run never appeared in the account's runs");
        var firstRow = await page.GetAttributeAsync("#runs tbody tr:first-child", "data-status");
        Assert.Contains(firstRow, new[] { "running", "succeeded", "failed" });
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task A_failure_is_retried_from_the_operations_page_and_an_authentication_failure_shows_why_it_has_no_button()
    {
        var failures = fixture.Node.Services.GetRequiredService<FailureRepository>();
        // The rows a failed story sync writes: a transient failure (retryable) and an authentication one (never retried).
        var retryable = (await failures.RecordAsync(new FailureReport("story_sync", "story-ingestion", Guid.NewGuid().ToString(),
            "TransientException", "reel 4711 timed out <b>twice</b>", null, DateTime.UtcNow, Account))).Failure;
        var authentication = (await failures.RecordAsync(new FailureReport("story_sync", "story-ingestion", Guid.NewGuid().ToString(),
            "AuthenticationRequiredException", "login_required <script>window.__pwned = true</script>", null, DateTime.UtcNow, Account,
            Authentication: true))).Failure;
        var retryRow = $"#job-failures tr[data-failure='{retryable.Id}']";
        var authenticationRow = $"#job-failures tr[data-failure='{authentication.Id}']";

        var (context, page, errors) = await fixture.LoggedInPageAsync();
        await using var _ = context;
        await page.GotoAsync("/operations");
        Assert.Null(await page.QuerySelectorAsync($"{authenticationRow} button"));
        Assert.Contains("never retried", await page.TextContentAsync($"{authenticationRow} .refusal"));
        Assert.Contains("<script>window.__pwned = true</script>", await page.TextContentAsync(authenticationRow));
        Assert.Contains("<b>twice</b>", await page.TextContentAsync(retryRow));
        Assert.False(await page.EvaluateAsync<bool>("() => window.__pwned === true"));

        // The demo's own schedule may hold a run in flight: the entity declines (an attempt, said in the flash), and the
        // button works once the account is idle.
        string flash = "";
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            await page.GotoAsync("/operations");
            await page.ClickAsync($"{retryRow} button:has-text('Retry')");
            flash = await page.TextContentAsync("[role=status]") ?? "";
            if (flash.StartsWith($"Failure {retryable.Id} retried")) break;
            Assert.StartsWith($"Failure {retryable.Id}: run not started", flash);
            await Task.Delay(1000);
        }
        Assert.StartsWith($"Failure {retryable.Id} retried: run ", flash);
        Assert.Equal("/operations", new Uri(page.Url).AbsolutePath);

        // The retry is counted on the failure, as the admin API counts it, and shown on the page.
        var retried = RetryState.Of((await failures.GetAsync(retryable.Id))!);
        Assert.True(retried.Attempts >= 1, $"attempts: {retried.Attempts}");
        Assert.Equal("accepted", retried.LastOutcome);
        Assert.Contains("accepted", await page.TextContentAsync($"{retryRow} td.retries"));
        Assert.Equal(0, RetryState.Of((await failures.GetAsync(authentication.Id))!).Attempts);

        // The account got the run the flash names: the entity records it in sync_runs with the manual retry's trigger.
        var runId = Regex.Match(flash, "run ([0-9a-f-]{36})").Groups[1].Value;
        var factory = fixture.Node.Services.GetRequiredService<InstaIntelDbFactory>();
        var recorded = false;
        while (!recorded && DateTime.UtcNow < deadline.AddMinutes(1))
        {
            await using (var db = factory.Open())
            {
                var runs = await (from run in db.SyncRuns
                                  join account in db.InstagramAccounts on run.InstagramAccountId equals account.Id
                                  where account.Username == Account
                                  select run.StatsJson).ToListAsync();
                recorded = runs.Any(stats => stats?["run_id"]?.GetValue<string>() == runId
                                             && stats?["trigger"]?.GetValue<string>() == FailureRetrier.ManualTrigger);
            }
            if (!recorded) await Task.Delay(500);
        }
        Assert.True(recorded, $"no sync_runs row for run {runId}");
        await fixture.ScreenshotAsync(page, "operations-retry");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task A_bio_with_a_script_tag_renders_as_text()
    {
        const string hostile = "<script>window.__pwned = true</script><img src=x onerror=\"window.__pwned = true\"> hi";
        var profile = await FirstProfileAsync();
        var factory = fixture.Node.Services.GetRequiredService<InstaIntelDbFactory>();
        var profiles = new ProfileRepository(factory);
        long id;
        await using (var db = factory.Open())
            id = await db.InstagramProfiles.Where(p => p.Username == profile).Select(p => p.Id).FirstAsync();
        // The same write a profile refresh makes with what Instagram returned.
        await profiles.ApplyDetailsAsync(id, new ProfileDetailsUpdate(DateTime.UtcNow, Bio: hostile, DisplayName: "<b>bold</b>"));

        var (context, page, errors) = await fixture.LoggedInPageAsync();
        await using var _ = context;
        await page.GotoAsync($"/accounts/{Account}/profiles/{profile}");
        Assert.Equal(hostile, (await page.TextContentAsync("#bio"))!.Trim());
        Assert.Null(await page.QuerySelectorAsync("#bio script, #bio img, #profile b"));
        Assert.False(await page.EvaluateAsync<bool>("() => window.__pwned === true"));
        await page.GotoAsync($"/accounts/{Account}/profiles?q={Uri.EscapeDataString(profile)}");
        Assert.Contains("<b>bold</b>", await page.TextContentAsync("#profiles"));
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task The_people_page_shows_each_of_a_profiles_simulator_people_as_one_cluster_that_mixes_no_one_else()
    {
        var factory = fixture.Node.Services.GetRequiredService<InstaIntelDbFactory>();
        // media-analysis runs on its own after the story sync captured media; wait for its people.
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (DateTime.UtcNow < deadline)
        {
            await using var db = factory.Open();
            if (await db.InstagramStoryPeople.CountAsync() >= 1) break;
            await Task.Delay(1000);
        }

        var (context, page, errors) = await fixture.LoggedInPageAsync();
        await using var _ = context;
        await page.GotoAsync($"/accounts/{Account}/people");
        var rows = await page.QuerySelectorAllAsync("#people tbody tr");
        Assert.True(rows.Count >= 1, "the people page shows no person");

        // Each cluster's faces come from stories the simulator drew from one person's portraits: read the truth per story.
        Dictionary<long, string> storyIds;
        await using (var db = factory.Open())
            storyIds = await db.InstagramStories.ToDictionaryAsync(s => s.Id, s => s.StoryId);
        // People are clustered per profile (a person row names its profile), so the same simulator person seen in two
        // profiles' stories is rightly two rows: the truth is per profile.
        var truthOfCluster = new Dictionary<string, (string Profile, string Person)>();
        foreach (var row in rows)
        {
            var person = (await row.GetAttributeAsync("data-person"))!;
            var profile = (await row.QuerySelectorAsync("a[href*='/profiles/']"))!;
            var profileName = (await profile.TextContentAsync())!.Trim();
            var links = await row.QuerySelectorAllAsync("a[href*='#story-']");
            var people = new HashSet<string>();
            foreach (var link in links)
            {
                var href = (await link.GetAttributeAsync("href"))!;
                var storyRow = long.Parse(href[(href.LastIndexOf("#story-", StringComparison.Ordinal) + 7)..]);
                // Instagram story ids are "<pk>_<owner id>"; the simulator finds a story by its pk.
                var story = fixture.Simulator.Network.FindStory(long.Parse(storyIds[storyRow].Split('_')[0]));
                // A video story plays a clip of its own (its person is in the clip's name), not the story's picture.
                var truth = story is null ? null
                    : story.IsVideo ? fixture.Simulator.Media.PersonInClip(story.Pk) : fixture.Simulator.Media.Describe(story).Person;
                if (truth is not null) people.Add(truth);
            }
            // A cluster never mixes two of the simulator's people.
            Assert.True(people.Count <= 1, $"person {person} mixes {string.Join(", ", people)}");
            if (people.Count == 1) truthOfCluster[person] = (profileName, people.Single());
        }
        Assert.NotEmpty(truthOfCluster);
        // ...and no profile shows one of the simulator's people (photos and video frames alike) split over two clusters.
        var split = truthOfCluster.GroupBy(c => c.Value).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key.Person} of {g.Key.Profile} in {string.Join(", ", g.Select(c => c.Key))}").ToList();
        Assert.True(split.Count == 0, $"people split over clusters: {string.Join("; ", split)}");
        await fixture.ScreenshotAsync(page, "people");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    private async Task<(IBrowserContext, IPage, List<string>)> OpenAsync()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.Node.Address.ToString() });
        return (context, await context.NewPageAsync(), []);
    }

    private async Task<string> FirstProfileAsync()
    {
        var factory = fixture.Node.Services.GetRequiredService<InstaIntelDbFactory>();
        await using var db = factory.Open();
        return await db.InstagramProfiles.OrderBy(p => p.Username).Select(p => p.Username).FirstAsync();
    }

    private async Task<int> RunCountAsync()
    {
        var factory = fixture.Node.Services.GetRequiredService<InstaIntelDbFactory>();
        await using var db = factory.Open();
        return await db.SyncRuns.CountAsync();
    }
}
