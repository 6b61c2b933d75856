using InstaIntel.Domain.Security;
using InstaIntel.Node.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace InstaIntel.Node.Dashboard.Pages;

/// <summary>Trades an API key for the dashboard's cookie (which carries the key's hash, never the key).</summary>
public sealed class LoginModel(ApiKeyStore keys) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? apiKey, CancellationToken cancellationToken)
    {
        var key = apiKey?.Trim();
        if (string.IsNullOrEmpty(key) || !await keys.IsValidAsync(key, cancellationToken))
        {
            Error = "That API key is not valid.";
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }
        await HttpContext.SignInAsync(DashboardServices.CookieScheme, DashboardServices.PrincipalFor(ApiKeySecret.Hash(key)));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
