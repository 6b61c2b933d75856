namespace InstaIntel.Domain.Messaging;

/// <summary>What an outgoing <c>instagram_messages</c> row is (kept in its metadata as <c>kind</c>).</summary>
public enum MessageKind
{
    /// <summary>A direct text message to the profile.</summary>
    Dm,
    /// <summary>A reply to one of the profile's stories (metadata <c>story_id</c>).</summary>
    StoryReply,
}
