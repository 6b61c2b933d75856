using InstaIntel.Simulator.Accounts;
using InstaIntel.Simulator.Api;
using InstaIntel.Simulator.Faults;
using InstaIntel.Simulator.Media;

namespace InstaIntel.Simulator.Hosting;

/// <summary>Builds the simulator web app; the same composition runs standalone (Program) and in-process
/// (<see cref="SimulatorHost"/>).</summary>
public static class SimulatorApplication
{
    /// <summary>Short command-line switches: <c>--seed 42 --profiles 200</c>.</summary>
    public static readonly IReadOnlyDictionary<string, string> SwitchMappings = new Dictionary<string, string>
    {
        ["--seed"] = "Simulator:Network:Seed",
        ["--profiles"] = "Simulator:Network:Profiles",
        ["--demo-followers"] = "Simulator:Network:DemoFollowers",
        ["--demo-mutuals"] = "Simulator:Network:DemoMutuals",
        ["--assets"] = "Simulator:AssetsPath",
    };

    /// <param name="options">Used as given; null binds them from configuration (section Simulator).</param>
    /// <param name="time">The clock under the simulator's own (tests pass a fake); null is the system clock.</param>
    /// <param name="configure">Test hook applied to the builder before the options are read.</param>
    public static WebApplication Build(string[] args, SimulatorOptions? options = null, TimeProvider? time = null, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddCommandLine(args, SwitchMappings.ToDictionary());
        configure?.Invoke(builder);
        options ??= builder.Configuration.GetSection(SimulatorOptions.Section).Get<SimulatorOptions>() ?? new SimulatorOptions();
        builder.Services.AddSingleton(_ => SimulatorState.Create(options, time ?? TimeProvider.System));

        var app = builder.Build();
        // Generate the network and check the assets now: a broken set-up fails at start, not at the first request.
        try
        {
            _ = app.Services.GetRequiredService<SimulatorState>();
        }
        catch
        {
            ((IDisposable)app).Dispose();
            throw;
        }

        app.UseMiddleware<RequestRecordingMiddleware>();
        app.UseMiddleware<SessionMiddleware>();
        app.UseMiddleware<FaultMiddleware>();

        app.MapLogin();
        app.MapPages();
        app.MapMedia();
        app.MapGroup("")
            .AddEndpointFilter<WebRequestFilter>()
            .MapUsers()
            .MapGraphQl()
            .MapFeeds()
            .MapDirect()
            .MapActions();
        if (options.ControlApi)
            app.MapControl();
        return app;
    }
}
