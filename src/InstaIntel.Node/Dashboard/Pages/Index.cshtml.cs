using InstaIntel.Domain.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace InstaIntel.Node.Dashboard.Pages;

/// <summary>The fleet: every account's state, due times, failures, the node hosting it, and its buttons.</summary>
public sealed class FleetModel(DashboardQueries queries, ShardLocator shards, DashboardActions actions) : PageModel
{
    private Func<string, string?> _nodeOf = _ => null;

    public IReadOnlyList<InstagramAccount> Accounts { get; private set; } = [];

    public string? NodeOf(string username) => _nodeOf(username);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Accounts = await queries.AccountsAsync(cancellationToken);
        _nodeOf = await shards.LocateAsync(cancellationToken);
    }

    // After a run starts, the account page shows its progress.
    public async Task<IActionResult> OnPostRunAsync(string username, CancellationToken cancellationToken) =>
        Done(await actions.RunNowAsync(username, cancellationToken), $"/accounts/{Uri.EscapeDataString(username)}");

    public async Task<IActionResult> OnPostPauseAsync(string username, CancellationToken cancellationToken) =>
        Done(await actions.PauseAsync(username, cancellationToken), "/");

    public async Task<IActionResult> OnPostResumeAsync(string username, CancellationToken cancellationToken) =>
        Done(await actions.ResumeAsync(username, cancellationToken), "/");

    private IActionResult Done(ActionOutcome outcome, string next)
    {
        TempData["Flash"] = outcome.Message;
        TempData["FlashOk"] = outcome.Ok;
        return LocalRedirect(outcome.Ok ? next : "/");
    }
}
