namespace InstaIntel.Actors.Processing;

/// <summary>
/// Tuning of the <c>profile-sync</c> child, bound from <c>InstaIntel:ProfileSync</c>. Defaults come from BEHAVIOUR.md
/// §2 and the reference system's numbers (docs/processing.md); the request budget itself is the account's
/// (<c>InstaIntel:Accounts:Budget</c>) and the refresh batch the coordinator's (<c>ProfileRefreshBatchSize</c>).
/// </summary>
public sealed class ProfileSyncSettings
{
    public const string Section = "InstaIntel:ProfileSync";

    /// <summary>How often a running phase tells the entity it is alive (the entity takes a run over after 15 min of silence).</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The share of the account's request budget the phase's stream paces at. The rest is headroom for the requests
    /// that do not go through the stream (an API action, a session check); the time between a request leaving the node
    /// and reaching Instagram is covered by the pacing itself (<see cref="PacedRequests"/>).
    /// </summary>
    public double BudgetShare { get; set; } = 0.98;

    /// <summary>Requests the throttle lets through at once after a quiet spell; 1 keeps every request evenly spaced.</summary>
    public int ThrottleBurst { get; set; } = 1;

    /// <summary>Results held between the requests and the database writes (back-pressure beyond that).</summary>
    public int BufferSize { get; set; } = 16;

    /// <summary>Inbox pages read per follow-graph sync (the reference reads at most 12).</summary>
    public int InboxMaxPages { get; set; } = 12;

    /// <summary>
    /// A guard against a cursor that never ends: a followers or following list longer than this many pages is not read
    /// to its end, counts as incomplete and clears no flags.
    /// </summary>
    public int FollowListMaxPages { get; set; } = 2_000;

    /// <summary>Profiles whose recent posts one profile scan captures (the reference's coordinator asks for 6).</summary>
    public int ProfileScanBatchSize { get; set; } = 6;

    /// <summary>Newest posts kept per scanned profile (reference: 3).</summary>
    public int PostsPerProfile { get; set; } = 3;

    /// <summary>Comments kept per captured post, from its first comments page (reference: 8, at most 20).</summary>
    public int CommentsPerPost { get; set; } = 8;

    /// <summary>
    /// Captured posts taken within this window get their media downloaded (one request each, in the scan's budget), so the
    /// workspace queue can analyse them and suggest comments; older posts are recorded <c>skipped</c>. Zero downloads nothing.
    /// Matches the workspace queue's window (<c>InstaIntel:Processing:Workspace:RecentWithin</c>) by default.
    /// </summary>
    public TimeSpan PostMediaWithin { get; set; } = TimeSpan.FromDays(14);

    /// <summary>A profile captured more recently than this is not due for another scan (reference cooldown: 30 min).</summary>
    public TimeSpan ProfileScanMinInterval { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A profile whose details were fetched more recently than this is not due for a refresh.</summary>
    public TimeSpan ProfileRefreshMinInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Base of the permalinks stored with captured posts (<c>{base}p/{shortcode}/</c>).</summary>
    public Uri PermalinkBase { get; set; } = new("https://www.instagram.com/");

    public void Validate()
    {
        if (BudgetShare is <= 0 or > 1) throw new ArgumentException($"{Section}:BudgetShare must be in (0, 1]");
        if (ThrottleBurst < 1) throw new ArgumentException($"{Section}:ThrottleBurst must be at least 1");
        if (BufferSize < 1) throw new ArgumentException($"{Section}:BufferSize must be at least 1");
        if (InboxMaxPages < 1 || FollowListMaxPages < 1) throw new ArgumentException($"{Section}: page limits must be at least 1");
        if (ProfileScanBatchSize < 0 || PostsPerProfile < 0 || CommentsPerPost < 0) throw new ArgumentException($"{Section}: batch sizes may not be negative");
        if (PostMediaWithin < TimeSpan.Zero) throw new ArgumentException($"{Section}:PostMediaWithin may not be negative");
        if (HeartbeatInterval <= TimeSpan.Zero) throw new ArgumentException($"{Section}:HeartbeatInterval must be positive");
    }
}
