namespace InstaIntel.Simulator.Recording;

/// <summary>
/// One request the simulator served. Never holds cookie values, headers or passwords: <see cref="Payload"/> carries
/// only what a write did (message text, recipient, comment text, liked media, seen stories).
/// </summary>
/// <param name="Username">The session's account, or null when the request had no valid session.</param>
/// <param name="Fault">The injected fault spec, e.g. "rate_limit;retry_after=2", or null.</param>
/// <param name="Action">For writes and logins: send_dm, story_reply, like, comment, story_seen, login.</param>
public sealed record RecordedRequest(
    long Sequence,
    DateTimeOffset Time,
    string Method,
    string PathAndQuery,
    string? Username,
    string? Fault,
    int StatusCode,
    string? Action,
    IReadOnlyDictionary<string, string>? Payload);
