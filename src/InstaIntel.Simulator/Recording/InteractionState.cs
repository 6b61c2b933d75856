using InstaIntel.Simulator.Network;

namespace InstaIntel.Simulator.Recording;

/// <summary>
/// What clients did through the write endpoints, kept twice: as typed lists for tests (messages, story replies,
/// likes, comments, seen stories, logins) and as state the read endpoints reflect (a liked post says has_liked, a
/// written comment is listed, a seen reel is marked seen, a sent message moves its thread up the inbox).
/// </summary>
public sealed class InteractionState
{
    private readonly Lock _lock = new();
    private readonly List<SentMessage> _messages = [];
    private readonly List<StoryReply> _replies = [];
    private readonly List<LikedMedia> _likes = [];
    private readonly List<PostedComment> _comments = [];
    private readonly List<SeenStory> _seen = [];
    private readonly List<LoginAttempt> _logins = [];
    private readonly HashSet<(int Viewer, long Media)> _liked = [];
    private readonly Dictionary<long, int> _likeCounts = [];
    private readonly Dictionary<long, List<SimComment>> _addedComments = [];
    private readonly Dictionary<(int Viewer, int Owner), long> _seenUpTo = [];
    private readonly Dictionary<(int Viewer, int Partner), ThreadActivity> _threads = [];
    private long _nextComment;
    private long _nextItem = 29_000_000_000_000_000L;

    public IReadOnlyList<SentMessage> SentMessages => Copy(_messages);
    public IReadOnlyList<StoryReply> StoryReplies => Copy(_replies);
    public IReadOnlyList<LikedMedia> Likes => Copy(_likes);
    public IReadOnlyList<PostedComment> Comments => Copy(_comments);
    public IReadOnlyList<SeenStory> SeenStories => Copy(_seen);
    public IReadOnlyList<LoginAttempt> Logins => Copy(_logins);

    private IReadOnlyList<T> Copy<T>(List<T> items)
    {
        lock (_lock)
            return [.. items];
    }

    internal void RecordLogin(LoginAttempt attempt)
    {
        lock (_lock)
            _logins.Add(attempt);
    }

    internal string NextItemId()
    {
        lock (_lock)
            return MediaIds.Text(++_nextItem);
    }

    internal void RecordMessage(SentMessage message, int sender, IEnumerable<int> recipients)
    {
        lock (_lock)
        {
            _messages.Add(message);
            Touch(sender, recipients, message.ThreadId, message.Time, message.Text);
        }
    }

    internal void RecordStoryReply(StoryReply reply, int sender, IEnumerable<int> recipients)
    {
        lock (_lock)
        {
            _replies.Add(reply);
            Touch(sender, recipients, reply.ThreadId, reply.Time, reply.Text);
        }
    }

    private void Touch(int sender, IEnumerable<int> recipients, string threadId, DateTimeOffset at, string text)
    {
        foreach (var recipient in recipients)
        {
            _threads[(sender, recipient)] = new ThreadActivity(threadId, recipient, at, text, LastFromViewer: true);
            _threads[(recipient, sender)] = new ThreadActivity(threadId, sender, at, text, LastFromViewer: false);
        }
    }

    internal void RecordLike(LikedMedia like, int viewer)
    {
        lock (_lock)
        {
            _likes.Add(like);
            if (_liked.Add((viewer, like.MediaPk)))
                _likeCounts[like.MediaPk] = _likeCounts.GetValueOrDefault(like.MediaPk) + 1;
        }
    }

    public bool HasLiked(int viewer, long mediaPk)
    {
        lock (_lock)
            return _liked.Contains((viewer, mediaPk));
    }

    /// <summary>Accounts that liked the post through the simulator (a second like by the same account counts once).</summary>
    public int AddedLikes(long mediaPk)
    {
        lock (_lock)
            return _likeCounts.GetValueOrDefault(mediaPk);
    }

    internal SimComment RecordComment(int author, long mediaPk, string mediaId, string username, string text, DateTimeOffset at)
    {
        lock (_lock)
        {
            var comment = new SimComment(MediaIds.PostedCommentBase + ++_nextComment, mediaPk, author, text, at, 0);
            if (!_addedComments.TryGetValue(mediaPk, out var list))
                _addedComments[mediaPk] = list = [];
            list.Add(comment);
            _comments.Add(new PostedComment(at, username, mediaId, mediaPk, comment.Pk, text));
            return comment;
        }
    }

    public IReadOnlyList<SimComment> AddedComments(long mediaPk)
    {
        lock (_lock)
            return _addedComments.TryGetValue(mediaPk, out var list) ? [.. list] : [];
    }

    internal void RecordSeen(SeenStory seen, int viewer, int owner, long takenAt)
    {
        lock (_lock)
        {
            _seen.Add(seen);
            _seenUpTo[(viewer, owner)] = Math.Max(takenAt, _seenUpTo.GetValueOrDefault((viewer, owner)));
        }
    }

    /// <summary>The newest taken_at (unix seconds) of the owner's stories the viewer marked seen, 0 if none.</summary>
    public long SeenUpTo(int viewer, int owner)
    {
        lock (_lock)
            return _seenUpTo.GetValueOrDefault((viewer, owner));
    }

    internal IReadOnlyList<ThreadActivity> ThreadActivityOf(int viewer)
    {
        lock (_lock)
            return _threads.Where(entry => entry.Key.Viewer == viewer).Select(entry => entry.Value).ToArray();
    }
}

/// <summary>A thread's latest message, as the simulator's writes changed it.</summary>
internal sealed record ThreadActivity(string ThreadId, int PartnerIndex, DateTimeOffset LastActivityAt, string LastText, bool LastFromViewer);
