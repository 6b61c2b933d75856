namespace InstaIntel.Simulator.Network;

/// <summary>One generated Instagram profile, as the network's truth knows it.</summary>
public sealed record SimProfile(
    int Index,
    long Id,
    string Username,
    string FullName,
    string Biography,
    string? ExternalUrl,
    bool IsPrivate,
    bool IsVerified,
    bool IsBusiness,
    string? Category,
    int PostCount,
    int HighlightCount,
    int FaceSubject,
    int FollowerCount,
    int FollowingCount)
{
    public string IdText => MediaIds.Text(Id);
}
