namespace InstaIntel.Simulator.Faults;

/// <summary>
/// A fault applied by configuration (<c>Simulator:Faults:Rules</c>) or at run time, to the requests it matches.
/// Matching requests are counted per rule: the first <see cref="Skip"/> pass, then every <see cref="EveryNth"/>-th
/// one gets the fault, <see cref="Times"/> times at most (unlimited when null).
/// </summary>
public sealed class FaultRule
{
    /// <summary>The fault list, in the header syntax (e.g. "rate_limit;retry_after=30").</summary>
    public string Fault { get; set; } = "";

    /// <summary>Only requests whose path starts with this (e.g. "/graphql/query/").</summary>
    public string? PathPrefix { get; set; }

    /// <summary>Only this HTTP method (GET, POST).</summary>
    public string? Method { get; set; }

    /// <summary>Only requests of this account's session.</summary>
    public string? Account { get; set; }

    public int Skip { get; set; }

    public int? Times { get; set; }

    public int EveryNth { get; set; } = 1;
}
