namespace InstaIntel.Node.ControlApi;

/// <summary>The HTTP control API: every feature maps its own group.</summary>
public static class ControlApiRoutes
{
    public static WebApplication MapControlApi(this WebApplication app)
    {
        app.MapAccounts();
        app.MapSessions();
        app.MapRuns();
        app.MapMessages();
        app.MapActions();
        app.MapWorkspace();
        return app;
    }
}
