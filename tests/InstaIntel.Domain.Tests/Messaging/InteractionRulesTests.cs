using InstaIntel.Domain.Messaging;
using InstaIntel.Domain.Profiles;

namespace InstaIntel.Domain.Tests.Messaging;

public sealed class InteractionRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);
    private static readonly InteractionWindows Windows = new();

    [Fact]
    public void An_unavailable_profile_inside_its_window_is_refused_with_the_reason_and_the_end_of_the_window()
    {
        var profile = new InstagramProfile { DmInteractionState = DmInteractionState.Unavailable, DmInteractionReason = "action_blocked", DmInteractionRetryAfterAt = Now.AddHours(1) };
        var refusal = InteractionRules.Check(profile, MessageKind.Dm, Now);
        Assert.NotNull(refusal);
        Assert.Equal("dm_retry_window", refusal.Code);
        Assert.Equal("action_blocked", refusal.Reason);
        Assert.Equal(Now.AddHours(1), refusal.RetryAfter);
        // The DM window does not close story replies, and an elapsed window opens the profile again.
        Assert.Null(InteractionRules.Check(profile, MessageKind.StoryReply, Now));
        Assert.Null(InteractionRules.Check(profile, MessageKind.Dm, Now.AddHours(1)));
    }

    [Fact]
    public void Story_replies_are_gated_by_the_story_interaction_state()
    {
        var profile = new InstagramProfile { StoryInteractionState = StoryInteractionState.Unavailable, StoryInteractionRetryAfterAt = Now.AddDays(1) };
        Assert.Equal("story_reply_retry_window", InteractionRules.Check(profile, MessageKind.StoryReply, Now)?.Code);
        Assert.Null(InteractionRules.Check(profile, MessageKind.Dm, Now));
        Assert.Null(InteractionRules.Check(new InstagramProfile(), MessageKind.StoryReply, Now));
    }

    [Theory]
    [InlineData(MessageKind.Dm, 400, 12)]
    [InlineData(MessageKind.Dm, null, 12)]
    [InlineData(MessageKind.Dm, 403, 72)]
    [InlineData(MessageKind.StoryReply, 400, 72)]
    public void A_refusal_opens_the_window_of_behaviour_md(MessageKind kind, int? status, int hours)
    {
        var outcome = InteractionRules.AfterRefusal(kind, status, "request_rejected", Now, Windows);
        Assert.False(outcome.Available);
        Assert.Equal(Now.AddHours(hours), outcome.RetryAfter);
    }

    [Fact]
    public void A_sent_message_leaves_the_profile_open_without_a_window()
    {
        var outcome = InteractionRules.AfterSent(MessageKind.Dm);
        Assert.True(outcome.Available);
        Assert.Null(outcome.RetryAfter);
        Assert.Equal("api_text_sent", outcome.Reason);
    }
}
