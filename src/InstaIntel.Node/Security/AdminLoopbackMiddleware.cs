using System.Net;
using Microsoft.Extensions.Options;

namespace InstaIntel.Node.Security;

/// <summary>With <see cref="SecurityOptions.AdminLoopbackOnly"/>, <c>/api/admin</c> answers 403 to anyone not on loopback.</summary>
internal sealed class AdminLoopbackMiddleware(RequestDelegate next, IOptions<SecurityOptions> options, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (options.Value.AdminLoopbackOnly && ApiKeyForWritesHandler.IsAdmin(context.Request.Path)
            && context.Connection.RemoteIpAddress is { } remote && !IPAddress.IsLoopback(remote))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = 403, Title = "Admin API is loopback only", Detail = "Call it from the node's own host." },
            });
            return;
        }
        await next(context);
    }
}
