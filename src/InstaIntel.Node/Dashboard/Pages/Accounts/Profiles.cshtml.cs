using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace InstaIntel.Node.Dashboard.Pages.Accounts;

/// <summary>The account's profiles: searchable, a page at a time.</summary>
public sealed class ProfilesModel(DashboardQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Username { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public ProfilePage? Result { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var account = await queries.AccountAsync(Username, cancellationToken);
        if (account is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        Result = await queries.ProfilesAsync(account.Id, Q, Math.Max(1, PageNumber), cancellationToken);
    }
}
