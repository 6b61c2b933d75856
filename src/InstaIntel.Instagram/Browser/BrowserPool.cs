using InstaIntel.Instagram.Sessions;
using Microsoft.Playwright;

namespace InstaIntel.Instagram.Browser;

/// <summary>
/// One Chromium per node and at most <see cref="BrowserOptions.MaxContexts"/> browser contexts, one per active
/// account, each carrying that account's session bundle, user agent and proxy. A context is reused while its
/// bundle is unchanged; the least recently used idle one is closed to make room. A lease that finds every context
/// busy waits until one is released or closed, and then takes that room itself. If Chromium dies, the next lease
/// starts a new one.
/// </summary>
public sealed class BrowserPool : IAsyncDisposable
{
    private readonly BrowserOptions _options;
    private readonly string _origin;
    private readonly SemaphoreSlim _capacity;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, PooledContext> _contexts = [];
    // Completed (and replaced) whenever a context is released or closed: what a lease waiting for room waits on.
    private TaskCompletionSource _roomChanged = NewSignal();
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private int _launches;

    /// <param name="instagramOrigin">The base URL of Instagram (or the simulator): local storage belongs to it.</param>
    public BrowserPool(BrowserOptions options, Uri instagramOrigin)
    {
        options.Validate();
        _options = options;
        _origin = instagramOrigin.GetLeftPart(UriPartial.Authority);
        _capacity = new SemaphoreSlim(options.MaxContexts, options.MaxContexts);
    }

    /// <summary>How many times Chromium was started (1 unless it died and was restarted).</summary>
    public int Launches => Volatile.Read(ref _launches);

    public bool IsBrowserConnected => _browser?.IsConnected == true;

    public int OpenContexts
    {
        get { lock (_contexts) return _contexts.Count; }
    }

    /// <summary>
    /// Runs <paramref name="work"/> with the account's context. Calls for the same account are serialised
    /// (one page of Instagram at a time per account); different accounts run side by side up to the pool size.
    /// </summary>
    public async Task<T> UseAsync<T>(string account, SessionBundle bundle, Func<IBrowserContext, Task<T>> work, CancellationToken cancellationToken)
    {
        var pooled = await LeaseAsync(account, bundle, cancellationToken);
        try
        {
            return await work(pooled.Context);
        }
        finally
        {
            pooled.LastUsed = DateTime.UtcNow;
            pooled.InUse.Release();
            SignalRoomChanged();
        }
    }

    /// <summary>Closes the account's context, e.g. after a new session was imported or the account was removed.</summary>
    public async Task ForgetAsync(string account)
    {
        PooledContext? pooled;
        lock (_contexts)
        {
            if (!_contexts.Remove(account, out pooled)) return;
        }
        await CloseAsync(pooled);
    }

    private async Task<PooledContext> LeaseAsync(string account, SessionBundle bundle, CancellationToken cancellationToken)
    {
        while (true)
        {
            PooledContext? existing;
            lock (_contexts) _contexts.TryGetValue(account, out existing);
            if (existing is not null)
            {
                await existing.InUse.WaitAsync(cancellationToken);
                if (existing.Bundle == bundle && existing.Browser.IsConnected && !existing.Closed)
                    return existing;
                existing.InUse.Release();
                await ForgetIfSameAsync(account, existing);
                continue;
            }

            await MakeRoomAsync(cancellationToken);
            var browser = await BrowserAsync(cancellationToken);
            var context = await browser.NewContextAsync(ContextOptions(bundle, _origin));
            await ApplySessionStorageAsync(context, bundle);
            var created = new PooledContext(browser, context, bundle);
            await created.InUse.WaitAsync(cancellationToken);
            lock (_contexts)
            {
                if (!_contexts.TryAdd(account, created))
                {
                    // Lost a race with another caller for the same account: use theirs.
                    created.InUse.Release();
                    _ = CloseAsync(created);
                    continue;
                }
            }
            return created;
        }
    }

    private async Task ForgetIfSameAsync(string account, PooledContext stale)
    {
        lock (_contexts)
        {
            if (!_contexts.TryGetValue(account, out var current) || current != stale) return;
            _contexts.Remove(account);
        }
        await CloseAsync(stale);
    }

    private async Task MakeRoomAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            // Taken before looking, so a context released after the look still wakes this lease.
            var changed = Volatile.Read(ref _roomChanged).Task;
            if (_capacity.Wait(0)) return;
            PooledContext? victim = null;
            lock (_contexts)
            {
                foreach (var (key, pooled) in _contexts.OrderBy(p => p.Value.LastUsed))
                {
                    // Taken, not only seen idle: a lease for that account that found it in the map a moment ago then
                    // waits for it and finds it closed, instead of being handed a context this eviction is closing.
                    if (pooled.InUse.Wait(0))
                    {
                        if (!pooled.MarkClosed())
                        {
                            pooled.InUse.Release();
                            continue;
                        }
                        victim = pooled;
                        _contexts.Remove(key);
                        break;
                    }
                }
            }
            // Closing frees a slot; the next turn takes it (or, if another lease was quicker, looks again).
            if (victim is not null)
            {
                await ShutAsync(victim);
                victim.InUse.Release();
            }
            // Every context is busy: waiting for the slot alone would wait for some other lease to evict one, which
            // at the end of a burst never comes. A release makes an idle context to evict.
            else await changed.WaitAsync(cancellationToken);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void SignalRoomChanged() => Interlocked.Exchange(ref _roomChanged, NewSignal()).TrySetResult();

    private async Task CloseAsync(PooledContext pooled)
    {
        if (pooled.MarkClosed()) await ShutAsync(pooled);
    }

    private async Task ShutAsync(PooledContext pooled)
    {
        // Bounded: Chromium can leave a close unanswered, and the slot must come back either way.
        try { await pooled.Context.CloseAsync().WaitAsync(TimeSpan.FromSeconds(30)); }
        catch (PlaywrightException) { /* the browser is already gone */ }
        catch (TimeoutException) { /* abandoned; Chromium drops it with the browser */ }
        _capacity.Release();
        SignalRoomChanged();
    }

    private async Task<IBrowser> BrowserAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_browser is { IsConnected: true }) return _browser;
            if (_browser is not null)
            {
                // Chromium died: its contexts are gone with it.
                List<PooledContext> dead;
                lock (_contexts)
                {
                    dead = _contexts.Values.Where(c => c.Browser == _browser).ToList();
                    foreach (var key in _contexts.Where(p => p.Value.Browser == _browser).Select(p => p.Key).ToList())
                        _contexts.Remove(key);
                }
                foreach (var pooled in dead) await CloseAsync(pooled);
            }
            _playwright ??= await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = _options.ExecutablePath,
                Headless = _options.Headless,
                Args = _options.Args,
            });
            Interlocked.Increment(ref _launches);
            return _browser;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static BrowserNewContextOptions ContextOptions(SessionBundle bundle, string origin)
    {
        var options = new BrowserNewContextOptions
        {
            UserAgent = bundle.UserAgent,
            StorageState = PlaywrightStorageState.From(bundle, origin),
            IgnoreHTTPSErrors = false,
        };
        if (bundle.Proxy is { } proxy)
        {
            options.Proxy = new Proxy
            {
                Server = proxy.Server,
                Username = proxy.Username,
                Password = proxy.Password,
                // Chromium never proxies loopback unless told; an explicit rule keeps a local proxy in the path.
                Bypass = "<-loopback>",
            };
        }
        return options;
    }

    private static async Task ApplySessionStorageAsync(IBrowserContext context, SessionBundle bundle)
    {
        if (bundle.SessionStorage.Count == 0) return;
        // Session storage is per tab and not part of Playwright's storage state: seed it in every new page.
        var entries = System.Text.Json.JsonSerializer.Serialize(bundle.SessionStorage.Select(e => new[] { e.Key, e.Value }));
        await context.AddInitScriptAsync($"(() => {{ for (const [k, v] of {entries}) {{ try {{ sessionStorage.setItem(k, v); }} catch (e) {{}} }} }})();");
    }

    public async ValueTask DisposeAsync()
    {
        List<PooledContext> all;
        lock (_contexts)
        {
            all = [.. _contexts.Values];
            _contexts.Clear();
        }
        foreach (var pooled in all) await CloseAsync(pooled);
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
    }

    private sealed class PooledContext(IBrowser browser, IBrowserContext context, SessionBundle bundle)
    {
        public IBrowser Browser { get; } = browser;
        public IBrowserContext Context { get; } = context;
        public SessionBundle Bundle { get; } = bundle;
        public SemaphoreSlim InUse { get; } = new(1, 1);
        public DateTime LastUsed { get; set; } = DateTime.UtcNow;
        private int _closed;

        public bool Closed => Volatile.Read(ref _closed) == 1;

        /// <summary>True for the one caller that gets to close it.</summary>
        public bool MarkClosed() => Interlocked.Exchange(ref _closed, 1) == 0;
    }
}
