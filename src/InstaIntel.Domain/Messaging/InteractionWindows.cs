namespace InstaIntel.Domain.Messaging;

/// <summary>How long a profile stays closed to DMs or story replies after Instagram refused one (BEHAVIOUR.md §3).</summary>
public sealed class InteractionWindows
{
    public const string Section = "InstaIntel:Messaging";

    /// <summary>After a failed DM send or verification.</summary>
    public TimeSpan DmAfterFailure { get; set; } = TimeSpan.FromHours(12);

    /// <summary>After Instagram answered 403 (not allowed).</summary>
    public TimeSpan DmAfterForbidden { get; set; } = TimeSpan.FromDays(3);

    /// <summary>After a refused story reply.</summary>
    public TimeSpan StoryReplyAfterFailure { get; set; } = TimeSpan.FromDays(3);

    /// <summary>When messageability could not be judged either way.</summary>
    public TimeSpan Unknown { get; set; } = TimeSpan.FromHours(6);
}
