namespace InstaIntel.Domain.Budget;

/// <summary>
/// An account's Instagram request budget: at most <see cref="RequestsPerWindow"/> requests in any
/// <see cref="Window"/> (a sliding window, so no stretch of that length ever holds more), plus daily caps on
/// the actions Instagram punishes first. Defaults and their reasoning are in docs/instagram.md.
/// </summary>
public sealed record RequestBudgetSettings
{
    public int RequestsPerWindow { get; init; } = 60;
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Extra room kept between a request and the one that takes its place in the window: requests reach Instagram
    /// after a variable delay, and two that left a full window apart may arrive closer. The node sets a couple of seconds.
    /// </summary>
    public TimeSpan Margin { get; init; } = TimeSpan.Zero;
    public int DailyDirectMessages { get; init; } = 30;
    public int DailyStoryReplies { get; init; } = 20;
    public int DailyLikes { get; init; } = 150;
    public int DailyComments { get; init; } = 25;

    public int DailyCap(InstagramAction action) => action switch
    {
        InstagramAction.DirectMessage => DailyDirectMessages,
        InstagramAction.StoryReply => DailyStoryReplies,
        InstagramAction.Like => DailyLikes,
        InstagramAction.Comment => DailyComments,
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    public void Validate()
    {
        if (RequestsPerWindow < 1) throw new ArgumentException("RequestsPerWindow must be at least 1");
        if (Window <= TimeSpan.Zero) throw new ArgumentException("Window must be positive");
        if (Margin < TimeSpan.Zero) throw new ArgumentException("Margin may not be negative");
        foreach (var action in Enum.GetValues<InstagramAction>())
            if (DailyCap(action) < 0) throw new ArgumentException($"the daily cap for {action} may not be negative");
    }
}
