namespace InstaIntel.Simulator.Accounts;

/// <summary>An account that can log in to the simulator (section <c>Simulator:Accounts</c>, a list).</summary>
public sealed class SimulatorAccount
{
    public string Username { get; set; } = "";

    public string Password { get; set; } = "";

    /// <summary>When true, a correct login answers checkpoint_required instead of a session.</summary>
    public bool CheckpointOnLogin { get; set; }

    /// <summary>The accounts used when none are configured; the first is the demo account.</summary>
    public static IReadOnlyList<SimulatorAccount> Defaults =>
    [
        new() { Username = "demo_user", Password = "demo-password" },
        new() { Username = "demo_alt", Password = "alt-password" },
        new() { Username = "checkpoint_user", Password = "checkpoint-password", CheckpointOnLogin = true },
    ];
}
