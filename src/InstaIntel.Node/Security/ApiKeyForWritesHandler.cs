using Microsoft.AspNetCore.Authorization;

namespace InstaIntel.Node.Security;

/// <summary>
/// The node's fallback authorization rule, so no route can forget it: every mutating request and everything
/// under <c>/api/admin</c> needs a valid API key; other reads are open.
/// </summary>
public sealed class ApiKeyForWritesRequirement : IAuthorizationRequirement;

public sealed class ApiKeyForWritesHandler : AuthorizationHandler<ApiKeyForWritesRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ApiKeyForWritesRequirement requirement)
    {
        if (context.Resource is HttpContext http && !NeedsKey(http.Request))
            context.Succeed(requirement);
        else if (context.User.Identity is { IsAuthenticated: true, AuthenticationType: ApiKeyAuthenticationHandler.SchemeName })
            context.Succeed(requirement);
        return Task.CompletedTask;
    }

    public static bool NeedsKey(HttpRequest request) =>
        IsAdmin(request.Path) || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));

    public static bool IsAdmin(PathString path) => path.StartsWithSegments("/api/admin", StringComparison.OrdinalIgnoreCase);
}
