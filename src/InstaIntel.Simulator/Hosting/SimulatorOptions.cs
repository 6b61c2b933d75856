using InstaIntel.Simulator.Accounts;
using InstaIntel.Simulator.Faults;
using InstaIntel.Simulator.Network;

namespace InstaIntel.Simulator.Hosting;

/// <summary>Everything the simulator reads from configuration (section <c>Simulator</c>); see docs/simulator.md.</summary>
public sealed class SimulatorOptions
{
    public const string Section = "Simulator";

    public NetworkOptions Network { get; set; } = new();

    /// <summary>Accounts that can log in; empty means <see cref="SimulatorAccount.Defaults"/>. The first is the demo
    /// account, the one with the hand-sized follower graph.</summary>
    public List<SimulatorAccount> Accounts { get; set; } = [];

    /// <summary>Password of every generated profile ("{username}" is replaced); null: only the accounts log in.</summary>
    public string? GeneratedProfilePassword { get; set; } = "sim-{username}";

    /// <summary>The folder scripts/ensure-test-assets.sh fills; default: $INSTAINTEL_TEST_ASSETS, else the first
    /// artifacts/test-assets above the binary or the working directory.</summary>
    public string? AssetsPath { get; set; }

    /// <summary>The TrueType font drawn into pictures (Debian fonts-dejavu-core).</summary>
    public string FontPath { get; set; } = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

    /// <summary>Web app id the JSON endpoints expect in X-IG-App-ID.</summary>
    public string AppId { get; set; } = "936619743392459";

    /// <summary>Whether JSON endpoints insist on X-IG-App-ID and POSTs on X-CSRFToken, as Instagram does.</summary>
    public bool RequireWebHeaders { get; set; } = true;

    /// <summary>Largest page the GraphQL follower, following, posts and comments queries return.</summary>
    public int MaxPageSize { get; set; } = 50;

    /// <summary>Whether the story tray carries a sponsored entry ("is_ad": true) the client must skip.</summary>
    public bool TrayAds { get; set; } = true;

    public int RequestLogCapacity { get; set; } = 100_000;

    /// <summary>Whether /__simulator/ (request log, faults, clock) is served.</summary>
    public bool ControlApi { get; set; } = true;

    public FaultOptions Faults { get; set; } = new();

    public IReadOnlyList<SimulatorAccount> EffectiveAccounts => Accounts.Count > 0 ? Accounts : SimulatorAccount.Defaults;

    public void Validate()
    {
        var accounts = EffectiveAccounts;
        if (accounts.Any(a => string.IsNullOrWhiteSpace(a.Username) || string.IsNullOrEmpty(a.Password)))
            throw new InvalidOperationException("every Simulator:Accounts entry needs a Username and a Password");
        if (accounts.Select(a => a.Username).Distinct(StringComparer.Ordinal).Count() != accounts.Count)
            throw new InvalidOperationException("Simulator:Accounts has a duplicate username");
        if (MaxPageSize < 1)
            throw new InvalidOperationException("Simulator:MaxPageSize must be at least 1");
        Network.Validate(accounts.Count);
    }
}
