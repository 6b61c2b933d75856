using System.Diagnostics;
using System.Text.Json;
using InstaIntel.Instagram.Browser;
using InstaIntel.Instagram.Sessions;
using InstaIntel.Testing;

namespace InstaIntel.Instagram.Tests.Browser;

/// <summary>The real pool in Debian's Chromium against loopback servers.</summary>
public sealed class BrowserPoolTests : LoopbackPoolTests
{
    private static SessionBundle Session(string value, string? userAgent = null, ProxySettings? proxy = null) =>
        new([new SessionCookie("sessionid", value, "127.0.0.1")], [], [], userAgent, null, proxy);

    private async Task<JsonElement> GetAsync(string account, SessionBundle bundle, string path = "echo")
    {
        var text = await Pool.UseAsync(account, bundle, async context =>
        {
            var response = await context.APIRequest.GetAsync(new Uri(Server.BaseAddress, path).ToString());
            return await response.TextAsync();
        }, CancellationToken.None);
        return JsonDocument.Parse(text).RootElement;
    }

    [Fact]
    public async Task Each_account_gets_its_own_cookies_and_user_agent()
    {
        var alice = await GetAsync("alice", Session("alice-session", "AliceAgent/1"));
        var bob = await GetAsync("bob", Session("bob-session", "BobAgent/1"));
        Assert.Contains("sessionid=alice-session", alice.GetProperty("headers").GetProperty("cookie").GetString());
        Assert.Equal("AliceAgent/1", alice.GetProperty("headers").GetProperty("user-agent").GetString());
        Assert.Contains("sessionid=bob-session", bob.GetProperty("headers").GetProperty("cookie").GetString());
        Assert.Equal("BobAgent/1", bob.GetProperty("headers").GetProperty("user-agent").GetString());
    }

    [Fact]
    public async Task An_account_with_a_proxy_sends_its_requests_through_it()
    {
        await using var proxy = new LoopbackHttpProxy();
        await GetAsync("carol", Session("c", proxy: new ProxySettings(proxy.Address)), "via-proxy");
        await GetAsync("dave", Session("d"), "direct");
        Assert.Contains(proxy.Carried, r => r.EndsWith("/via-proxy"));
        Assert.DoesNotContain(proxy.Carried, r => r.EndsWith("/direct"));
    }

    [Fact]
    public async Task ThePool_never_holds_more_contexts_than_its_size()
    {
        foreach (var account in new[] { "a1", "a2", "a3", "a4" })
            await GetAsync(account, Session(account));
        Assert.Equal(2, Pool.OpenContexts);
        // The evicted account simply gets a new context when it comes back.
        var again = await GetAsync("a1", Session("a1"));
        Assert.Contains("sessionid=a1", again.GetProperty("headers").GetProperty("cookie").GetString());
    }

    [Fact]
    public async Task A_lease_that_finds_every_context_busy_gets_one_when_a_busy_one_is_released()
    {
        // Both contexts busy; a third account asks for one and must not need a fourth caller to evict for it.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var busy = new[] { "b1", "b2" }.Select(account => Pool.UseAsync(account, Session(account), async _ =>
        {
            await release.Task;
            return true;
        }, CancellationToken.None)).ToList();
        await WaitUntil(() => Pool.OpenContexts == 2);
        var waiting = GetAsync("b3", Session("b3"));
        Assert.False(waiting.IsCompleted);

        release.SetResult();
        await Task.WhenAll(busy);
        var answer = await waiting.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Contains("sessionid=b3", answer.GetProperty("headers").GetProperty("cookie").GetString());
        Assert.Equal(2, Pool.OpenContexts);
    }

    [Fact]
    public async Task A_new_session_for_an_account_replaces_its_context()
    {
        await GetAsync("erin", Session("old"));
        var after = await GetAsync("erin", Session("new"));
        Assert.Contains("sessionid=new", after.GetProperty("headers").GetProperty("cookie").GetString());
        Assert.DoesNotContain("sessionid=old", after.GetProperty("headers").GetProperty("cookie").GetString());
    }

    [Fact]
    public async Task Chromium_is_started_again_after_it_dies()
    {
        // Another pool in this process stands for the test classes running beside this one: it keeps its browser.
        await using var bystander = new BrowserPool(new BrowserOptions { MaxContexts = 1 }, Server.BaseAddress);
        await bystander.UseAsync("grace", Session("g"), context => context.APIRequest.GetAsync(new Uri(Server.BaseAddress, "bystander").ToString()), CancellationToken.None);
        await GetAsync("frank", Session("f"));
        Assert.Equal(1, Pool.Launches);
        KillOurChromium();
        await WaitUntil(() => !Pool.IsBrowserConnected);
        Assert.True(bystander.IsBrowserConnected, "killing this pool's Chromium took another pool's with it");

        var after = await GetAsync("frank", Session("f"));
        Assert.Contains("sessionid=f", after.GetProperty("headers").GetProperty("cookie").GetString());
        Assert.Equal(2, Pool.Launches);
    }

    /// <summary>
    /// SIGKILLs this pool's Chromium: the processes of this test process's tree whose command line carries the pool's
    /// tag. Every other test class's browser runs in the same process tree and must live on.
    /// </summary>
    private void KillOurChromium()
    {
        var self = Environment.ProcessId;
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.GetDirectories("/proc").Select(Path.GetFileName).Where(n => int.TryParse(n, out _)))
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{dir}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[int.Parse(dir!)] = int.Parse(fields[1]);
            }
            catch (IOException) { }
        }
        bool DescendsFromSelf(int pid)
        {
            for (var p = pid; parents.TryGetValue(p, out var parent) && p > 1; p = parent)
                if (parent == self) return true;
            return false;
        }
        var killed = 0;
        foreach (var pid in parents.Keys.Where(DescendsFromSelf))
        {
            string[] arguments;
            try { arguments = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0'); } catch (IOException) { continue; }
            if (!arguments.Contains(PoolTag, StringComparer.Ordinal)) continue;
            Process.Start("kill", ["-KILL", pid.ToString()])!.WaitForExit();
            killed++;
        }
        Assert.True(killed > 0, "this pool's Chromium was not found to kill");
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition() && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.True(condition());
    }
}
