namespace InstaIntel.Instagram.Parsing;

/// <summary>
/// Instagram's timestamps: seconds (<c>taken_at</c>), milliseconds, or microseconds (direct <c>timestamp</c>,
/// <c>last_activity_at</c>), told apart by magnitude. Zero or negative means "none" (<c>latest_reel_media: 0</c>).
/// </summary>
internal static class UnixTime
{
    private const long MillisecondsFrom = 100_000_000_000;     // 1e11 s is the year 5138; 1e11 ms is 1973
    private const long MicrosecondsFrom = 100_000_000_000_000; // same boundary one step down

    /// <returns>null for "none"; throws <see cref="ArgumentOutOfRangeException"/> for values no calendar holds.</returns>
    public static DateTimeOffset? From(long value) => value switch
    {
        <= 0 => null,
        >= MicrosecondsFrom => DateTimeOffset.FromUnixTimeMilliseconds(value / 1000),
        >= MillisecondsFrom => DateTimeOffset.FromUnixTimeMilliseconds(value),
        _ => DateTimeOffset.FromUnixTimeSeconds(value),
    };

    public static DateTimeOffset? From(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value)) throw new ArgumentOutOfRangeException(nameof(value));
        if (value <= 0) return null;
        var milliseconds = value >= MicrosecondsFrom ? value / 1000 : value >= MillisecondsFrom ? value : value * 1000;
        if (milliseconds > 253_402_300_799_000d) throw new ArgumentOutOfRangeException(nameof(value));
        return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(milliseconds));
    }
}
