namespace InstaIntel.Actors.Processing;

/// <summary>Bound from <c>InstaIntel:Processing:Feed</c>; numbers from BEHAVIOUR.md §1.</summary>
public sealed class FeedEngagementSettings
{
    public const string Section = "InstaIntel:Processing:Feed";

    /// <summary>Feed pages read per run.</summary>
    public int Rounds { get; set; } = 3;

    /// <summary>Pause between feed pages, as a person scrolling would.</summary>
    public TimeSpan PageDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>New posts captured per run at most.</summary>
    public int MaxNewPosts { get; set; } = 15;

    /// <summary>Like new feed posts (within the daily like cap).</summary>
    public bool AutoLike { get; set; } = true;

    /// <summary>Comment on new feed posts that have a caption (within the daily comment cap).</summary>
    public bool AutoComment { get; set; } = true;

    /// <summary>Downloaded feed media is deleted this long after capture (the post row and its analysis stay).</summary>
    public TimeSpan MediaRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How the feed, media, like and comment requests are paced under the account's budget.</summary>
    public RequestPacingSettings Pacing { get; set; } = new();

    public void Validate()
    {
        if (Rounds < 1) throw new ArgumentException($"{Section}:Rounds must be at least 1");
        if (MaxNewPosts < 0) throw new ArgumentException($"{Section}:MaxNewPosts may not be negative");
        if (PageDelay < TimeSpan.Zero || MediaRetention < TimeSpan.Zero) throw new ArgumentException($"{Section}: delays may not be negative");
        Pacing.Validate(Section);
    }
}
