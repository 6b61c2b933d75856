namespace InstaIntel.Intelligence.People;

/// <summary>What became of one face observation.</summary>
public enum FaceLinkKind
{
    /// <summary>Joined an existing person (the best match at or above the threshold).</summary>
    Matched,

    /// <summary>Matched nobody: a new person was founded with this face.</summary>
    Founded,

    /// <summary>This observation was counted before (same signature): nothing changes.</summary>
    AlreadyCounted,

    /// <summary>Stored without a person; <see cref="FaceLink.Reason"/> says why.</summary>
    Unlinked,
}
