namespace InstaIntel.Domain.Stories;

/// <summary><c>instagram_stories.processing_status</c>: pending -> processing -> processed | failed.</summary>
public enum StoryProcessingStatus
{
    Pending,
    Processing,
    Processed,
    Failed,
}

/// <summary><c>instagram_story_faces.role</c> and <c>instagram_post_faces.role</c>: who a detected face is.</summary>
public enum FaceRole
{
    /// <summary>Not linked to a person (low confidence, no embedding) or not yet classified.</summary>
    Unknown,
    /// <summary>The profile's primary person.</summary>
    Primary,
    SecondaryPerson,
}

/// <summary><c>instagram_story_people.role</c>: a person cluster's identity state.</summary>
public enum PersonRole
{
    SecondaryPerson,
    /// <summary>The dominant person across the profile's media, promoted by identity resolution.</summary>
    PrimaryPerson,
    /// <summary>Confirmed by an operator as the profile's owner.</summary>
    ProfileOwner,
}
