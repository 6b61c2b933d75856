namespace InstaIntel.Node.Admin;

/// <summary>
/// <c>/api/admin</c>: the admin palette's API (the <c>instaintel</c> CLI speaks it). Every route needs the API key
/// (the fallback policy treats the whole prefix as admin) and can be bound to loopback.
/// </summary>
public static class AdminRoutes
{
    public static WebApplication MapAdminApi(this WebApplication app)
    {
        var admin = app.MapGroup("/api/admin");
        admin.MapClusterAdmin();
        admin.MapShardingAdmin();
        admin.MapActorsAdmin();
        admin.MapDatabaseAdmin();
        admin.MapFailuresAdmin();
        admin.MapIssuesAdmin();
        return app;
    }

    internal static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);
}
