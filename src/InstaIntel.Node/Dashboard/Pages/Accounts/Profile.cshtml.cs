using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace InstaIntel.Node.Dashboard.Pages.Accounts;

/// <summary>One profile: details, AI estimates, insight and strategy, posts, stories, history and action log.</summary>
public sealed class ProfileModel(DashboardQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Username { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string Profile { get; set; } = "";

    public ProfileDetail? Detail { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var account = await queries.AccountAsync(Username, cancellationToken);
        Detail = account is null ? null : await queries.ProfileAsync(account.Id, Profile, cancellationToken);
        if (Detail is null)
            Response.StatusCode = StatusCodes.Status404NotFound;
    }
}
