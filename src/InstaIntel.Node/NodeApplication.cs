using InstaIntel.Node.Admin;
using InstaIntel.Node.ControlApi;
using InstaIntel.Node.Dashboard;
using InstaIntel.Node.Health;
using InstaIntel.Node.Observability;
using Scalar.AspNetCore;
using InstaIntel.Node.Hosting;
using InstaIntel.Node.Security;

namespace InstaIntel.Node;

/// <summary>Builds the node: the same composition runs in production, in the demo and in tests.</summary>
public static class NodeApplication
{
    /// <param name="configure">Test hook: extra configuration applied after the defaults.</param>
    /// <param name="afterServices">Test hook: runs after the node's services are registered (e.g. an extra log provider).</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null, Action<WebApplicationBuilder>? afterServices = null)
    {
        // Configuration ships beside the binary; the working directory is where data lives (./data/).
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);
        builder.Services.AddInstaIntel(builder.Configuration);
        afterServices?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseInstaIntelSecurity();
        app.MapHealth();
        app.MapMetrics();
        app.MapOpenApi();
        app.MapScalarApiReference();
        app.MapControlApi();
        app.MapAdminApi();
        app.MapInstaIntelDashboard();
        return app;
    }
}
