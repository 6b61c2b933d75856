using System.Diagnostics;

namespace InstaIntel.Simulator.Network;

/// <summary>
/// The generated network and the truth tests compare a client's results with: profiles, who follows whom, mutuals,
/// posts, comments, stories and inbox threads. Deterministic for a seed, options, account list and epoch.
/// </summary>
public sealed class SimulatedNetwork
{
    private readonly string[] _usernames;
    private readonly Dictionary<string, int> _indexByUsername;
    private readonly ContentGenerator _content;
    private readonly BoundedCache<int, SimProfile> _profiles = new(50_000);
    private readonly BoundedCache<int, IReadOnlyList<SimPost>> _posts = new(5_000);
    private readonly BoundedCache<int, IReadOnlyList<SimStory>> _stories = new(20_000);

    private SimulatedNetwork(NetworkOptions options, string[] usernames, FollowGraph graph, DateTimeOffset epoch, int accountCount, TimeSpan generationTime)
    {
        Options = options;
        _usernames = usernames;
        Graph = graph;
        Epoch = epoch;
        AccountCount = accountCount;
        GenerationTime = generationTime;
        _indexByUsername = new Dictionary<string, int>(usernames.Length, StringComparer.Ordinal);
        for (var i = 0; i < usernames.Length; i++)
            _indexByUsername[usernames[i]] = i;
        _content = new ContentGenerator(options, usernames, graph, epoch, accountCount);
    }

    /// <summary>Generates a network. The first account username is the demo account (index 0).</summary>
    public static SimulatedNetwork Generate(NetworkOptions options, IReadOnlyList<string> accountUsernames, DateTimeOffset epoch)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (accountUsernames.Count == 0)
            throw new ArgumentException("the network needs at least the demo account", nameof(accountUsernames));
        options.Validate(accountUsernames.Count);
        var stopwatch = Stopwatch.StartNew();
        var (usernames, graph) = NetworkGenerator.Generate(options, accountUsernames);
        var network = new SimulatedNetwork(options, usernames, graph, ContentGenerator.TruncateToSeconds(epoch), accountUsernames.Count, stopwatch.Elapsed);
        return network;
    }

    public NetworkOptions Options { get; }
    public int Seed => Options.Seed;
    public DateTimeOffset Epoch { get; }
    public int ProfileCount => _usernames.Length;
    public int AccountCount { get; }
    public int EdgeCount => Graph.EdgeCount;
    public TimeSpan GenerationTime { get; }
    internal FollowGraph Graph { get; }

    public SimProfile DemoAccount => Profile(0);

    public IReadOnlyList<string> Usernames => _usernames;

    public IEnumerable<SimProfile> Profiles => Enumerable.Range(0, ProfileCount).Select(Profile);

    public SimProfile Profile(int index) => _profiles.GetOrAdd(index, _content.Profile);

    public SimProfile Profile(string username) =>
        TryFind(username) ?? throw new KeyNotFoundException($"no profile '{username}' in the simulated network");

    public SimProfile? TryFind(string? username) =>
        username is not null && _indexByUsername.TryGetValue(username, out var index) ? Profile(index) : null;

    public SimProfile? TryFindById(long userId) =>
        MediaIds.ProfileIndexOf(userId) is { } index && index < ProfileCount ? Profile(index) : null;

    public IReadOnlyList<string> FollowersOf(string username) => Names(Graph.Followers(Profile(username).Index));

    public IReadOnlyList<string> FollowingOf(string username) => Names(Graph.Following(Profile(username).Index));

    /// <summary>Profiles that follow the user and that the user follows back.</summary>
    public IReadOnlyList<string> MutualsOf(string username)
    {
        var index = Profile(username).Index;
        return Names(Mutuals(index));
    }

    public bool Follows(string follower, string followed) => Graph.Follows(Profile(follower).Index, Profile(followed).Index);

    internal int[] Mutuals(int index)
    {
        var followers = Graph.Followers(index);
        var mutuals = new List<int>();
        foreach (var followed in Graph.Following(index))
        {
            if (followers.BinarySearch(followed) >= 0)
                mutuals.Add(followed);
        }
        return [.. mutuals];
    }

    private string[] Names(ReadOnlySpan<int> indexes)
    {
        var names = new string[indexes.Length];
        for (var i = 0; i < indexes.Length; i++)
            names[i] = _usernames[indexes[i]];
        return names;
    }

    /// <summary>A profile's posts, newest first.</summary>
    public IReadOnlyList<SimPost> PostsOf(string username) => PostsOf(Profile(username));

    public IReadOnlyList<SimPost> PostsOf(SimProfile profile) => _posts.GetOrAdd(profile.Index, _ => _content.Posts(profile));

    public SimPost? FindPost(long pk) =>
        MediaIds.DecodePost(pk) is { } at && at.Owner < ProfileCount && PostsOf(Profile(at.Owner)) is var posts && at.Number < posts.Count
            ? posts[at.Number]
            : null;

    public SimPost? FindPostByShortcode(string shortcode) =>
        MediaIds.PkFromShortcode(shortcode) is { } pk ? FindPost(pk) : null;

    /// <summary>The generated comments of a post, oldest first (comments written through the simulator are kept by
    /// <c>InteractionState</c>).</summary>
    public IReadOnlyList<SimComment> CommentsOf(SimPost post) => _content.Comments(post);

    /// <summary>Every story of the profile within the generated window, past, live and future, oldest first.</summary>
    public IReadOnlyList<SimStory> StoriesOf(string username) => StoriesOf(Profile(username));

    public IReadOnlyList<SimStory> StoriesOf(SimProfile profile) => _stories.GetOrAdd(profile.Index, _ => _content.Stories(profile));

    /// <summary>The stories a viewer can see at the given time (taken_at &lt;= now &lt; expiring_at).</summary>
    public IReadOnlyList<SimStory> ActiveStoriesOf(string username, DateTimeOffset now) => ActiveStoriesOf(Profile(username), now);

    public IReadOnlyList<SimStory> ActiveStoriesOf(SimProfile profile, DateTimeOffset now) =>
        StoriesOf(profile).Where(story => story.IsActiveAt(now)).ToArray();

    public SimStory? FindStory(long pk) =>
        MediaIds.DecodeStory(pk) is { } at && at.Owner < ProfileCount && StoriesOf(Profile(at.Owner)) is var stories && at.Number < stories.Count
            ? stories[at.Number]
            : null;

    /// <summary>The generated inbox threads of a profile, most recent first.</summary>
    public IReadOnlyList<SimThread> ThreadsOf(string username) => _content.Threads(Profile(username).Index);

    internal IReadOnlyList<SimThread> ThreadsOf(int index) => _content.Threads(index);

    internal string UsernameAt(int index) => _usernames[index];
}
