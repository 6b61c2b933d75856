using Microsoft.AspNetCore.Mvc.RazorPages;

namespace InstaIntel.Node.Dashboard.Pages.Accounts;

/// <summary>The account's person clusters with appearance counts and roles.</summary>
public sealed class PeopleModel(DashboardQueries queries) : PageModel
{
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public string Username { get; set; } = "";

    public IReadOnlyList<PersonCard> People { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var account = await queries.AccountAsync(Username, cancellationToken);
        if (account is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        People = await queries.PeopleAsync(account.Id, cancellationToken);
    }
}
