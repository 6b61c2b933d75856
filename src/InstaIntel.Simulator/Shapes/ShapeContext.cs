using InstaIntel.Simulator.Hosting;
using InstaIntel.Simulator.Network;
using InstaIntel.Simulator.Recording;

namespace InstaIntel.Simulator.Shapes;

/// <summary>What every response shape needs: the network, the viewer (fields like followed_by_viewer depend on
/// them), the simulator's "now", what writes changed, and where media URLs point.</summary>
internal sealed class ShapeContext
{
    private ShapeContext(SimulatorState state, SimProfile? viewer, DateTimeOffset now, MediaUrls urls)
    {
        State = state;
        Viewer = viewer;
        Now = now;
        Urls = urls;
    }

    public SimulatorState State { get; }
    public SimulatedNetwork Network => State.Network;
    public InteractionState Interactions => State.Interactions;
    public SimProfile? Viewer { get; }
    public DateTimeOffset Now { get; }
    public MediaUrls Urls { get; }

    public static ShapeContext For(HttpContext context, SimulatorState state) =>
        new(state, context.Simulator().Viewer, state.Clock.GetUtcNow(),
            new MediaUrls($"{context.Request.Scheme}://{context.Request.Host}"));

    public bool ViewerFollows(SimProfile profile) => Viewer is not null && Network.Graph.Follows(Viewer.Index, profile.Index);

    public bool FollowsViewer(SimProfile profile) => Viewer is not null && Network.Graph.Follows(profile.Index, Viewer.Index);

    /// <summary>Private profiles show posts, stories and follow lists only to their followers and themselves.</summary>
    public bool CanSeeContent(SimProfile profile) =>
        !profile.IsPrivate || Viewer?.Index == profile.Index || ViewerFollows(profile);

    public IReadOnlyList<SimStory> ActiveStories(SimProfile profile) => Network.ActiveStoriesOf(profile, Now);

    public int LikeCount(SimPost post) => post.LikeCount + Interactions.AddedLikes(post.Pk);

    public bool ViewerLiked(SimPost post) => Viewer is not null && Interactions.HasLiked(Viewer.Index, post.Pk);

    /// <summary>Generated comments followed by those written through the simulator.</summary>
    public IReadOnlyList<SimComment> Comments(SimPost post) => [.. Network.CommentsOf(post), .. Interactions.AddedComments(post.Pk)];

    public long SeenUpTo(SimProfile owner) => Viewer is null ? 0 : Interactions.SeenUpTo(Viewer.Index, owner.Index);

    public static long Unix(DateTimeOffset time) => time.ToUnixTimeSeconds();

    public static long UnixMicros(DateTimeOffset time) => time.ToUnixTimeMilliseconds() * 1000;
}
