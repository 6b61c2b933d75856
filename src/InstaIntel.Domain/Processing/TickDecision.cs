namespace InstaIntel.Domain.Processing;

/// <summary>Why a tick started nothing (recorded with the skip).</summary>
public enum SkipReason
{
    Disabled,
    Paused,
    AuthenticationRequired,
    RetryBackoff,
    AlreadyRunning,
    PendingBacklog,
    NothingDue,
}

/// <summary>The coordinator's answer to a tick.</summary>
public abstract record TickDecision
{
    private TickDecision() { }

    /// <summary>Start <paramref name="Phase"/>; <paramref name="NextDueAt"/> is the advanced due time of its kind (null for workspace actions).</summary>
    public sealed record Run(Phase Phase, DateTime? NextDueAt, bool TookOverStaleRun, IReadOnlyList<(Phase Phase, string Reason)> Skipped) : TickDecision;

    /// <summary>Start nothing; due times stay as they are.</summary>
    public sealed record Skip(SkipReason Reason, string Detail) : TickDecision;
}
