namespace InstaIntel.Instagram.Contracts;

/// <summary>Which side of a profile's follow graph: who follows it, or whom it follows.</summary>
public enum FollowDirection
{
    Followers,
    Following,
}
