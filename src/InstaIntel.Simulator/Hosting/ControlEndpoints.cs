using InstaIntel.Simulator.Faults;

namespace InstaIntel.Simulator.Hosting;

/// <summary>/__simulator/: the request log, recorded writes, faults and the clock over HTTP, for a simulator running
/// in another process (the demo, load runs). In-process tests use <see cref="SimulatorHost"/> instead.</summary>
internal static class ControlEndpoints
{
    public static WebApplication MapControl(this WebApplication app)
    {
        var control = app.MapGroup(ControlPaths.Prefix);
        control.MapGet("/network", (SimulatorState state) => Results.Json(new
        {
            state.Network.Seed,
            state.Network.ProfileCount,
            state.Network.EdgeCount,
            state.Network.Epoch,
            Now = state.Clock.GetUtcNow(),
            DemoAccount = state.Network.DemoAccount.Username,
            DemoFollowers = state.Network.DemoAccount.FollowerCount,
            DemoMutuals = state.Network.MutualsOf(state.Network.DemoAccount.Username).Count,
            Accounts = state.Credentials.Accounts.Select(a => new { a.Username, a.CheckpointOnLogin }),
            GenerationMilliseconds = state.Network.GenerationTime.TotalMilliseconds,
        }));
        control.MapGet("/requests", (SimulatorState state, int? last) =>
        {
            var requests = state.Requests.Snapshot();
            return Results.Json(last is { } n ? requests.TakeLast(n) : requests);
        });
        control.MapGet("/actions", (SimulatorState state) => Results.Json(new
        {
            state.Interactions.SentMessages,
            state.Interactions.StoryReplies,
            state.Interactions.Likes,
            state.Interactions.Comments,
            state.Interactions.SeenStories,
            state.Interactions.Logins,
        }));
        control.MapPost("/faults", (SimulatorState state, FaultRule rule) =>
        {
            try
            {
                state.Faults.Add(rule);
                return Results.NoContent();
            }
            catch (FormatException e)
            {
                return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest);
            }
        });
        control.MapDelete("/faults", (SimulatorState state) =>
        {
            state.Faults.Clear();
            return Results.NoContent();
        });
        control.MapPost("/sessions/{username}/expire", (SimulatorState state, string username) =>
        {
            state.Sessions.ExpireSessionsOf(username);
            return Results.NoContent();
        });
        control.MapPost("/clock/advance", (SimulatorState state, double seconds) =>
        {
            if (seconds < 0)
                return Results.Problem("seconds must not be negative", statusCode: StatusCodes.Status400BadRequest);
            state.Clock.Advance(TimeSpan.FromSeconds(seconds));
            return Results.Json(new { Now = state.Clock.GetUtcNow() });
        });
        return app;
    }
}
