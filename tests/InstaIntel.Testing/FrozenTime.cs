namespace InstaIntel.Testing;

/// <summary>
/// A clock that stands still (timers and timestamps still run on the system's). Handed to the simulator, it keeps the
/// set of live stories the same for the whole test, so "every story exactly once" has one right answer.
/// </summary>
public sealed class FrozenTime(DateTimeOffset now) : TimeProvider
{
    /// <summary>Now, to the whole second (the simulator's network epoch is whole seconds too).</summary>
    public static FrozenTime AtNow() => new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    public override DateTimeOffset GetUtcNow() => now;
}
