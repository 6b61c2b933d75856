using InstaIntel.Domain.Profiles;

namespace InstaIntel.Domain.Messaging;

/// <summary>Why a message may not go to a profile now, and until when.</summary>
/// <param name="Code">machine-readable: <c>dm_retry_window</c>, <c>story_reply_retry_window</c>.</param>
public sealed record InteractionRefusal(string Code, string? Reason, DateTime? RetryAfter)
{
    public string Describe() =>
        $"{Code}: {Reason ?? "unavailable"}{(RetryAfter is { } at ? $", retry after {at:O}" : "")}";
}

/// <summary>A profile's new DM or story interaction state after an attempt.</summary>
public sealed record InteractionOutcome(bool Available, string Reason, DateTime? RetryAfter);

/// <summary>
/// The pure rules of <c>dm_interaction_state</c> and <c>story_interaction_state</c>: a profile that is
/// <c>unavailable</c> inside its retry window is refused early, without asking Instagram; a refusal opens the window.
/// </summary>
public static class InteractionRules
{
    /// <returns>null when a message of <paramref name="kind"/> may be sent to <paramref name="profile"/> at <paramref name="now"/>.</returns>
    public static InteractionRefusal? Check(InstagramProfile profile, MessageKind kind, DateTime now)
    {
        if (kind == MessageKind.StoryReply)
            return profile.StoryInteractionState == StoryInteractionState.Unavailable && profile.StoryInteractionRetryAfterAt > now
                ? new InteractionRefusal("story_reply_retry_window", profile.StoryInteractionReason, profile.StoryInteractionRetryAfterAt)
                : null;
        return profile.DmInteractionState == DmInteractionState.Unavailable && profile.DmInteractionRetryAfterAt > now
            ? new InteractionRefusal("dm_retry_window", profile.DmInteractionReason ?? profile.RestrictionReason, profile.DmInteractionRetryAfterAt)
            : null;
    }

    /// <summary>Instagram refused the message: the profile is unavailable for the kind's window (a DM answered 403: the longer one).</summary>
    public static InteractionOutcome AfterRefusal(MessageKind kind, int? httpStatus, string reason, DateTime now, InteractionWindows windows)
    {
        var window = kind switch
        {
            MessageKind.StoryReply => windows.StoryReplyAfterFailure,
            _ when httpStatus == 403 => windows.DmAfterForbidden,
            _ => windows.DmAfterFailure,
        };
        return new InteractionOutcome(false, reason, now + window);
    }

    /// <summary>Instagram took the message: the profile is reachable, any window is over.</summary>
    public static InteractionOutcome AfterSent(MessageKind kind) =>
        new(true, kind == MessageKind.StoryReply ? "story_reply_sent" : "api_text_sent", null);
}
