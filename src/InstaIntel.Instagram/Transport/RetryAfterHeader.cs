using System.Globalization;

namespace InstaIntel.Instagram.Transport;

/// <summary>Reads <c>Retry-After</c>: delta-seconds or an HTTP date (RFC 9110 §10.2.3).</summary>
public static class RetryAfterHeader
{
    /// <returns>The wait, never negative; null when the header is absent or unreadable.</returns>
    public static TimeSpan? Parse(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var text = value.Trim();
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return seconds > (long)TimeSpan.MaxValue.TotalSeconds ? null : TimeSpan.FromSeconds(seconds);
        if (DateTimeOffset.TryParseExact(text, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            return at > now ? at - now : TimeSpan.Zero;
        return null;
    }
}
