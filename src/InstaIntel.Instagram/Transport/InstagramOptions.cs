namespace InstaIntel.Instagram.Transport;

/// <summary>Bound from <c>InstaIntel:Instagram</c>.</summary>
public sealed class InstagramOptions
{
    public const string Section = "InstaIntel:Instagram";

    /// <summary><c>https://www.instagram.com</c> in production; the simulator on 127.0.0.1 in tests and the demo.</summary>
    public Uri BaseUrl { get; set; } = new("https://www.instagram.com/");

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Followers/following asked for per page (the web app asks for 12 to 50).</summary>
    public int FollowPageSize { get; set; } = 50;

    /// <summary>After a 429 the account's requests pause this long, or the Retry-After if longer.</summary>
    public TimeSpan RateLimitPause { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>After a 5xx the account's requests pause this long, or the Retry-After if longer.</summary>
    public TimeSpan ServerErrorPause { get; set; } = TimeSpan.FromSeconds(5);
}
