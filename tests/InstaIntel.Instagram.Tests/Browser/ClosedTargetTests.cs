using InstaIntel.Instagram.Browser;
using InstaIntel.Instagram.Sessions;
using InstaIntel.Testing;
using Microsoft.Playwright;

namespace InstaIntel.Instagram.Tests.Browser;

/// <summary><see cref="ClosedTarget"/> on the errors Debian's Chromium really raises: what the login and the client try once more.</summary>
public sealed class ClosedTargetTests : LoopbackPoolTests
{
    [Fact]
    public async Task A_request_on_a_context_closed_under_it_is_a_closed_target()
    {
        var error = await FailAsync(async context =>
        {
            await context.CloseAsync();
            await context.APIRequest.GetAsync(new Uri(Server.BaseAddress, "echo").ToString());
        });
        Assert.True(ClosedTarget.Is(error), error.Message);
    }

    [Fact]
    public async Task A_page_used_after_it_closed_is_a_closed_target()
    {
        var error = await FailAsync(async context =>
        {
            var page = await context.NewPageAsync();
            await page.CloseAsync();
            await page.GotoAsync(new Uri(Server.BaseAddress, "echo").ToString());
        });
        Assert.True(ClosedTarget.Is(error), error.Message);
    }

    [Fact]
    public async Task A_refused_connection_is_not_a_closed_target()
    {
        var nobody = new Uri($"http://127.0.0.1:{FreePort.Next()}/echo");
        var error = await FailAsync(context => context.APIRequest.GetAsync(nobody.ToString()));
        Assert.False(ClosedTarget.Is(error), error.Message);
    }

    private async Task<PlaywrightException> FailAsync(Func<IBrowserContext, Task> work)
    {
        var session = new SessionBundle([new SessionCookie("sessionid", "s", "127.0.0.1")], [], [], null, null, null);
        return await Assert.ThrowsAnyAsync<PlaywrightException>(() =>
            Pool.UseAsync("closed-target", session, async context => { await work(context); return true; }, CancellationToken.None));
    }
}
