using InstaIntel.Instagram.Contracts;
using InstaIntel.Instagram.Errors;

namespace InstaIntel.Instagram.Client;

/// <summary>
/// Instagram, one method per capability, acting as one managed account. Each call passes the account's request
/// gate, runs in its browser context (<see cref="Browser.BrowserPool.UseAsync{T}"/>), classifies the response with
/// <see cref="Transport.InstagramResponseClassifier"/> and parses it with the parsers in <c>Parsing/</c>.
/// Requests are described by <see cref="Endpoints.InstagramEndpoints"/> (docs/instagram-endpoints.md).
/// </summary>
/// <remarks>
/// Every method throws only <see cref="InstagramException"/> subtypes (plus <see cref="OperationCanceledException"/>
/// and the gate's <see cref="Transport.DailyCapReachedException"/>); see docs/instagram.md for who retries what.
/// User ids and media ids are Instagram's numeric ids as strings.
/// </remarks>
public interface IInstagramClient
{
    /// <summary>Whether the session is logged in. Logged-out and challenge are results; other failures throw.</summary>
    Task<SessionValidation> ValidateSessionAsync(AccountSession session, CancellationToken cancellationToken);

    Task<CurrentUser> GetCurrentUserAsync(AccountSession session, CancellationToken cancellationToken);

    /// <summary>One page of the profile's followers; <paramref name="cursor"/> null for the first page.</summary>
    Task<Page<InstagramUser>> GetFollowersAsync(AccountSession session, string userId, string? cursor, CancellationToken cancellationToken);

    /// <summary>One page of the accounts the profile follows; <paramref name="cursor"/> null for the first page.</summary>
    Task<Page<InstagramUser>> GetFollowingAsync(AccountSession session, string userId, string? cursor, CancellationToken cancellationToken);

    /// <summary>One page of the account's direct inbox: its conversations and their partners.</summary>
    Task<Page<InboxThread>> GetInboxAsync(AccountSession session, string? cursor, CancellationToken cancellationToken);

    /// <summary>The home story tray: which profiles have current (and unseen) stories. Ads are left out.</summary>
    Task<IReadOnlyList<StoryTrayEntry>> GetStoryTrayAsync(AccountSession session, CancellationToken cancellationToken);

    /// <exception cref="NotFoundException">no such user.</exception>
    Task<ProfileDetails> GetProfileAsync(AccountSession session, string username, CancellationToken cancellationToken);

    /// <summary>A profile's reel state, suggested accounts and highlights.</summary>
    Task<ProfileReelSummary> GetProfileReelSummaryAsync(AccountSession session, string userId, CancellationToken cancellationToken);

    /// <summary>A profile's current stories; an empty reel when it has none.</summary>
    Task<StoryReel> GetStoriesAsync(AccountSession session, string userId, CancellationToken cancellationToken);

    /// <summary>The first page of a profile's posts (the profile page's grid).</summary>
    /// <exception cref="PrivateProfileException">the profile is private and not followed.</exception>
    Task<Page<Post>> GetRecentPostsAsync(AccountSession session, string username, CancellationToken cancellationToken);

    /// <summary>One post by shortcode, with video URL and carousel children.</summary>
    Task<Post> GetPostAsync(AccountSession session, string shortcode, CancellationToken cancellationToken);

    /// <summary>One page of a post's comments; <paramref name="cursor"/> null for the first page.</summary>
    Task<Page<Comment>> GetCommentsAsync(AccountSession session, string mediaId, string? cursor, CancellationToken cancellationToken);

    /// <summary>One page of the account's home feed; <paramref name="cursor"/> null for the newest.</summary>
    Task<Page<Post>> GetHomeFeedAsync(AccountSession session, string? cursor, CancellationToken cancellationToken);

    /// <summary>The bytes behind a media URL taken from a response (picture, video, avatar).</summary>
    Task<MediaDownload> DownloadMediaAsync(AccountSession session, Uri url, CancellationToken cancellationToken);

    Task<DirectMessageSent> SendDirectMessageAsync(AccountSession session, string recipientUserId, string text, CancellationToken cancellationToken);

    Task<DirectMessageSent> ReplyToStoryAsync(AccountSession session, string storyId, string ownerUserId, string text, CancellationToken cancellationToken);

    Task LikePostAsync(AccountSession session, string mediaId, CancellationToken cancellationToken);

    Task<PostedComment> CommentOnPostAsync(AccountSession session, string mediaId, string text, CancellationToken cancellationToken);

    /// <summary>Marks one story item seen, as opening it in the app would.</summary>
    Task MarkStorySeenAsync(AccountSession session, string storyId, string ownerUserId, DateTimeOffset takenAt, CancellationToken cancellationToken);
}
