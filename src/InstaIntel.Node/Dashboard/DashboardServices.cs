using System.Security.Claims;
using InstaIntel.Node.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;

namespace InstaIntel.Node.Dashboard;

/// <summary>
/// The dashboard: server-rendered Razor Pages at <c>/</c>, behind a login cookie that is derived from an API key
/// (the cookie holds the key's hash, checked against the active keys on every request, so revoking the key logs
/// the browser out).
/// </summary>
public static class DashboardServices
{
    public const string CookieScheme = "Dashboard";
    public const string Policy = "Dashboard";
    public const string KeyHashClaim = "instaintel:key_hash";

    public static IServiceCollection AddInstaIntelDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRazorPages(options =>
        {
            options.RootDirectory = "/Dashboard/Pages";
            options.Conventions.AuthorizeFolder("/", Policy);
            options.Conventions.AllowAnonymousToPage("/Login");
        })
        // The pages are compiled into this assembly, which is not the entry assembly when a test hosts the node.
        .AddApplicationPart(typeof(DashboardServices).Assembly);
        services.AddSingleton<DashboardQueries>();
        services.AddSingleton<ShardLocator>();
        services.AddSingleton<DashboardActions>();

        // Every node of a cluster must read the others' cookies: the key ring lives in a shared folder when one
        // is configured (a volume in deploy/), else beside the node's data.
        var keyRing = configuration["InstaIntel:Dashboard:KeyRingPath"];
        var protection = services.AddDataProtection().SetApplicationName("InstaIntel");
        protection.PersistKeysToFileSystem(new DirectoryInfo(string.IsNullOrWhiteSpace(keyRing)
            ? Path.Combine(Directory.GetCurrentDirectory(), "data", "dashboard-keys")
            : keyRing));

        services.AddAuthentication()
            .AddCookie(CookieScheme, options =>
            {
                options.LoginPath = "/login";
                options.LogoutPath = "/logout";
                options.Cookie.Name = "instaintel_dashboard";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromHours(12);
                options.SlidingExpiration = true;
                options.Events.OnValidatePrincipal = RejectRevokedKeys;
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(CookieScheme).RequireAuthenticatedUser());
        return services;
    }

    public static WebApplication MapInstaIntelDashboard(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapDashboardMedia();
        return app;
    }

    /// <summary>The principal the login page signs in: the key's hash, never the key.</summary>
    public static ClaimsPrincipal PrincipalFor(string keyHash) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "dashboard"), new Claim(KeyHashClaim, keyHash)], CookieScheme));

    private static async Task RejectRevokedKeys(CookieValidatePrincipalContext context)
    {
        var hash = context.Principal?.FindFirstValue(KeyHashClaim);
        var keys = context.HttpContext.RequestServices.GetRequiredService<ApiKeyStore>();
        if (hash is null || !await keys.IsActiveHashAsync(hash, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieScheme);
        }
    }
}
