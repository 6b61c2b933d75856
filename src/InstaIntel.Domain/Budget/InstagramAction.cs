namespace InstaIntel.Domain.Budget;

/// <summary>The Instagram actions that count against a daily cap (reads only count against the request window).</summary>
public enum InstagramAction
{
    DirectMessage,
    StoryReply,
    Like,
    Comment,
}
