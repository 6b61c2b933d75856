using InstaIntel.Instagram.Browser;
using InstaIntel.Testing;

namespace InstaIntel.Instagram.Tests.Browser;

/// <summary>Tests of the real pool in Debian's Chromium against a loopback echo server: a fresh pool of two contexts per test.</summary>
public abstract class LoopbackPoolTests : IAsyncLifetime
{
    protected LoopbackEchoServer Server { get; } = new();

    protected BrowserPool Pool { get; private set; } = null!;

    /// <summary>A switch Chromium ignores, on this pool's browser only: how a test finds its own Chromium among the
    /// browsers of the test classes running beside it in the same process.</summary>
    protected string PoolTag { get; } = $"--instaintel-test-pool={Guid.NewGuid():N}";

    public Task InitializeAsync()
    {
        Pool = new BrowserPool(new BrowserOptions { MaxContexts = 2, Args = [.. new BrowserOptions().Args, PoolTag] }, Server.BaseAddress);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Pool.DisposeAsync();
        await Server.DisposeAsync();
    }
}
