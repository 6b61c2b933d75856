namespace InstaIntel.Simulator.Recording;

/// <summary>A login attempt and its outcome (never the password).</summary>
public sealed record LoginAttempt(DateTimeOffset Time, string Username, LoginOutcome Outcome);

/// <summary>What the login endpoint answered.</summary>
public enum LoginOutcome
{
    Authenticated,
    UnknownUser,
    WrongPassword,
    CheckpointRequired,
}
