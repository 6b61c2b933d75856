namespace InstaIntel.Simulator.Faults;

/// <summary>Faults set by configuration (section <c>Simulator:Faults</c>).</summary>
public sealed class FaultOptions
{
    public List<FaultRule> Rules { get; set; } = [];

    /// <summary>Per account: its sessions die after this many authenticated requests (the next one gets
    /// login_required); logging in again starts a new count.</summary>
    public Dictionary<string, int> SessionExpiresAfterRequests { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Whether the X-Simulator-Fault request header is honoured.</summary>
    public bool AllowHeader { get; set; } = true;
}
