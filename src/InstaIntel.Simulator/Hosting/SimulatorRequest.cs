using InstaIntel.Simulator.Accounts;
using InstaIntel.Simulator.Network;

namespace InstaIntel.Simulator.Hosting;

/// <summary>Per-request facts the middlewares and endpoints share: the session, the fault applied, what a write did.</summary>
internal sealed class SimulatorRequest
{
    public Session? Session { get; set; }
    public SimProfile? Viewer { get; set; }
    public string? Fault { get; set; }
    public string? Action { get; private set; }
    public Dictionary<string, string>? Payload { get; private set; }

    /// <summary>Notes a write (or login) for the request log. Never pass cookie values or passwords.</summary>
    public void Record(string action, params (string Name, string? Value)[] payload)
    {
        Action = action;
        Payload = payload.Where(p => p.Value is not null).ToDictionary(p => p.Name, p => p.Value!, StringComparer.Ordinal);
    }
}

internal static class SimulatorRequestExtensions
{
    public static SimulatorRequest Simulator(this HttpContext context) =>
        context.Features.Get<SimulatorRequest>() ?? throw new InvalidOperationException("the simulator's request middleware did not run");
}
