namespace InstaIntel.Simulator.Network;

/// <summary>A comment on a post: generated, or written through the simulator's comment endpoint.</summary>
public sealed record SimComment(long Pk, long PostPk, int AuthorIndex, string Text, DateTimeOffset CreatedAt, int LikeCount)
{
    public string PkText => MediaIds.Text(Pk);
}
