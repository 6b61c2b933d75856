namespace InstaIntel.Node.Failures;

/// <summary>The retry sweep (BEHAVIOUR.md 8), bound from <c>InstaIntel:Failures:Retry</c>.</summary>
public sealed class FailureRetryOptions
{
    public const string Section = "InstaIntel:Failures:Retry";

    /// <summary>Off: failures are retried only by hand (<c>failures retry</c>).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the sweep looks for failures to retry.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>At most this many failures a sweep.</summary>
    public int BatchLimit { get; set; } = 20;

    /// <summary>At most this many automatic attempts a failure.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Only failures younger than this are retried automatically.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromHours(72);

    /// <summary>At least this long between two attempts on one failure.</summary>
    public TimeSpan Cooldown { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Failures older than this are deleted by the sweep.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);
}
