using Microsoft.AspNetCore.Mvc.RazorPages;

namespace InstaIntel.Node.Dashboard.Pages.Accounts;

/// <summary>The story archive: a grid of the newest stories with their faces drawn on.</summary>
public sealed class StoriesModel(DashboardQueries queries) : PageModel
{
    public const int Limit = 60;

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public string Username { get; set; } = "";

    public IReadOnlyList<StoryCard> Stories { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var account = await queries.AccountAsync(Username, cancellationToken);
        if (account is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        Stories = await queries.StoriesAsync(account.Id, Limit, cancellationToken);
    }
}
