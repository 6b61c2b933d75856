namespace InstaIntel.Simulator.Network;

/// <summary>One story item. Visible while taken_at &lt;= now &lt; expiring_at on the simulator's clock.</summary>
public sealed record SimStory(
    long Pk,
    int OwnerIndex,
    int Number,
    DateTimeOffset TakenAt,
    DateTimeOffset ExpiringAt,
    bool IsVideo,
    double VideoDuration,
    MediaVisual Visual,
    int? MentionIndex,
    string Hashtag)
{
    public string PkText => MediaIds.Text(Pk);

    /// <summary>Instagram's story media id: "{pk}_{owner pk}".</summary>
    public string MediaId => $"{Pk}_{MediaIds.UserId(OwnerIndex)}";

    public bool IsActiveAt(DateTimeOffset now) => TakenAt <= now && now < ExpiringAt;
}
