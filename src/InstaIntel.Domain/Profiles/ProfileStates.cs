namespace InstaIntel.Domain.Profiles;

/// <summary><c>instagram_profiles.dm_interaction_state</c>: can we send this profile a direct message? NULL = never checked.</summary>
public enum DmInteractionState
{
    Messageable,
    Unavailable,
    Unknown,
}

/// <summary><c>instagram_profiles.story_interaction_state</c>: can we reply to this profile's stories? NULL = never checked.</summary>
public enum StoryInteractionState
{
    ReplyAvailable,
    Unavailable,
    ReactionOnly,
}

/// <summary><c>instagram_profiles.dm_auto_mode</c>: whether replies to this profile are only drafted or also sent.</summary>
public enum DmAutoMode
{
    DraftOnly,
    Autonomous,
}
