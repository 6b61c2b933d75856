using InstaIntel.Actors.Accounts;
using InstaIntel.Domain.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace InstaIntel.Node.Dashboard.Pages.Accounts;

/// <summary>One account: its live state and budget (from the entity), runs, action logs, failures and open issues.</summary>
public sealed class AccountModel(DashboardQueries queries, DashboardActions actions) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Username { get; set; } = "";

    public InstagramAccount? Row { get; private set; }
    public AccountView? View { get; private set; }
    public AccountActivity? Activity { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Row = await queries.AccountAsync(Username, cancellationToken);
        if (Row is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        Activity = await queries.ActivityAsync(Row.Id, cancellationToken);
        View = await actions.ViewAsync(Username, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostImportSessionAsync(string? export, CancellationToken cancellationToken)
    {
        var outcome = await actions.ImportSessionAsync(Username, export, cancellationToken);
        TempData["Flash"] = outcome.Message;
        TempData["FlashOk"] = outcome.Ok;
        return LocalRedirect($"/accounts/{Uri.EscapeDataString(Username)}");
    }
}
