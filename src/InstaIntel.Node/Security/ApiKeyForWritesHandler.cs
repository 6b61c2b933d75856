using Microsoft.AspNetCore.Authorization;

namespace InstaIntel.Node.Security;

/// <summary>
/// The node's fallback authorization rule, so no route can forget it: every mutating request and everything
/// under <c>/api/admin</c> needs a valid API key; other reads are open.
/// </summary>
public sealed class ApiKeyForWritesRequirement : IAuthorizationRequirement;

/// <summary>Marks a read that hands out secrets (a session export): it needs the key like a write.</summary>
public sealed class ApiKeyRequired
{
    public static readonly ApiKeyRequired Instance = new();
}

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

    public static bool NeedsKey(HttpRequest request, Endpoint? endpoint = null) =>
        IsAdmin(request.Path)
        || (endpoint ?? request.HttpContext.GetEndpoint())?.Metadata.GetMetadata<ApiKeyRequired>() is not null
        || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));

    public static bool IsAdmin(PathString path) => path.StartsWithSegments("/api/admin", StringComparison.OrdinalIgnoreCase);
}
