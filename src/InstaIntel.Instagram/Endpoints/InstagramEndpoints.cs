using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using InstaIntel.Domain.Budget;
using InstaIntel.Instagram.Contracts;

namespace InstaIntel.Instagram.Endpoints;

/// <summary>
/// Builds the request for each capability exactly as docs/instagram-endpoints.md lists it. Ids and shortcodes are
/// checked before they go into a path, so a bad value fails here (ArgumentException) instead of reaching Instagram.
/// </summary>
public static partial class InstagramEndpoints
{
    public const int DefaultFollowPageSize = 50;
    public const int DefaultFeedPageSize = 12;
    public const int DefaultInboxPageSize = 20;
    public const string GraphQlPath = "/graphql/query/";

    public static InstagramRequest CurrentUser() =>
        Get("current_user", "/api/v1/accounts/current_user/", ("edit", "true"));

    public static InstagramRequest Profile(string username)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(username);
        return Get("profile", "/api/v1/users/web_profile_info/", ("username", username.Trim().TrimStart('@')));
    }

    public static InstagramRequest FollowPage(FollowDirection direction, string userId, string? after = null, int first = DefaultFollowPageSize)
    {
        RequireNumericId(userId, nameof(userId));
        ArgumentOutOfRangeException.ThrowIfLessThan(first, 1);
        var variables = Variables(w =>
        {
            w.WriteString("id", userId);
            w.WriteNumber("first", first);
            if (!string.IsNullOrEmpty(after)) w.WriteString("after", after);
        });
        var hash = direction == FollowDirection.Followers ? QueryHashes.Followers : QueryHashes.Following;
        return GraphQl(direction == FollowDirection.Followers ? "followers" : "following", hash, variables);
    }

    public static InstagramRequest Stories(string userId)
    {
        RequireNumericId(userId, nameof(userId));
        var variables = Variables(w =>
        {
            w.WriteStartArray("reel_ids");
            w.WriteStringValue(userId);
            w.WriteEndArray();
            w.WriteBoolean("precomposed_overlay", false);
        });
        return GraphQl("stories", QueryHashes.ReelsMedia, variables);
    }

    public static InstagramRequest ReelAndSuggestions(string userId)
    {
        RequireNumericId(userId, nameof(userId));
        var variables = Variables(w =>
        {
            w.WriteString("user_id", userId);
            w.WriteBoolean("include_chaining", true);
            w.WriteBoolean("include_reel", true);
        });
        return GraphQl("reel_summary", QueryHashes.ReelAndChaining, variables);
    }

    public static InstagramRequest StoryTray() => Get("story_tray", "/api/v1/feed/reels_tray/");

    public static InstagramRequest PostByShortcode(string shortcode)
    {
        if (string.IsNullOrEmpty(shortcode) || !ShortcodePattern().IsMatch(shortcode))
            throw new ArgumentException("a shortcode is letters, digits, '-' and '_'", nameof(shortcode));
        return GraphQl("post", QueryHashes.ShortcodeMedia, Variables(w => w.WriteString("shortcode", shortcode)));
    }

    public static InstagramRequest Comments(string mediaId, string? maxId = null)
    {
        RequireMediaId(mediaId);
        var query = new List<(string, string)> { ("can_support_threading", "true"), ("permalink_enabled", "true") };
        if (!string.IsNullOrEmpty(maxId)) query.Add(("max_id", maxId));
        return Get("comments", $"/api/v1/media/{mediaId}/comments/", [.. query]);
    }

    public static InstagramRequest HomeFeed(string? maxId = null, int count = DefaultFeedPageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var query = new List<(string, string)> { ("count", Invariant(count)) };
        if (!string.IsNullOrEmpty(maxId)) query.Add(("max_id", maxId));
        return Get("home_feed", "/api/v1/feed/timeline/", [.. query]);
    }

    public static InstagramRequest Inbox(string? cursor = null, int limit = DefaultInboxPageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var query = new List<(string, string)> { ("limit", Invariant(limit)), ("visual_message_return_type", "unseen") };
        if (!string.IsNullOrEmpty(cursor)) query.Add(("cursor", cursor));
        return Get("inbox", "/api/v1/direct_v2/inbox/", [.. query]);
    }

    /// <param name="clientContext">A fresh unique id per message: Instagram de-duplicates retries of the same send by it.</param>
    public static InstagramRequest SendDirectMessage(string recipientUserId, string text, string clientContext)
    {
        RequireNumericId(recipientUserId, nameof(recipientUserId));
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        ArgumentException.ThrowIfNullOrWhiteSpace(clientContext);
        return PostForm("send_direct_message", "/api/v1/direct_v2/threads/broadcast/text/", InstagramAction.DirectMessage,
            ("recipient_users", Recipients(recipientUserId)), ("client_context", clientContext), ("text", text));
    }

    public static InstagramRequest ReplyToStory(string storyId, string ownerUserId, string text, string clientContext)
    {
        RequireNumericId(storyId, nameof(storyId));
        RequireNumericId(ownerUserId, nameof(ownerUserId));
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        ArgumentException.ThrowIfNullOrWhiteSpace(clientContext);
        return PostForm("reply_to_story", "/api/v1/direct_v2/threads/broadcast/reel_share/", InstagramAction.StoryReply,
            ("media_id", $"{storyId}_{ownerUserId}"), ("reel_id", ownerUserId), ("recipient_users", Recipients(ownerUserId)),
            ("client_context", clientContext), ("text", text));
    }

    public static InstagramRequest LikePost(string mediaId)
    {
        RequireMediaId(mediaId);
        return PostForm("like_post", $"/api/v1/web/likes/{mediaId}/like/", InstagramAction.Like);
    }

    public static InstagramRequest CommentOnPost(string mediaId, string text)
    {
        RequireMediaId(mediaId);
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        return PostForm("comment_on_post", $"/api/v1/web/comments/{mediaId}/add/", InstagramAction.Comment, ("comment_text", text));
    }

    /// <summary>Marking seen is a read in budget terms: it counts against the request window, not a daily cap.</summary>
    public static InstagramRequest MarkStorySeen(string storyId, string ownerUserId, DateTimeOffset takenAt, DateTimeOffset seenAt)
    {
        RequireNumericId(storyId, nameof(storyId));
        RequireNumericId(ownerUserId, nameof(ownerUserId));
        return PostForm("mark_story_seen", "/api/v1/stories/reel/seen", null,
            ("reelMediaId", storyId), ("reelMediaOwnerId", ownerUserId), ("reelId", ownerUserId),
            ("reelMediaTakenAt", Invariant(takenAt.ToUnixTimeSeconds())), ("viewSeenAt", Invariant(seenAt.ToUnixTimeSeconds())));
    }

    /// <summary>A media URL from a response; only http(s) URLs are fetched.</summary>
    public static InstagramRequest MediaDownload(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            throw new ArgumentException("media URLs are absolute http(s) URLs", nameof(url));
        return new InstagramRequest("media_download", HttpMethod.Get, url.AbsoluteUri, [], [], null, ExpectsJson: false);
    }

    private static InstagramRequest Get(string capability, string path, params (string Key, string Value)[] query) =>
        new(capability, HttpMethod.Get, path, Pairs(query), []);

    private static InstagramRequest PostForm(string capability, string path, InstagramAction? action, params (string Key, string Value)[] form) =>
        new(capability, HttpMethod.Post, path, [], Pairs(form), action);

    private static InstagramRequest GraphQl(string capability, string queryHash, string variables) =>
        Get(capability, GraphQlPath, ("query_hash", queryHash), ("variables", variables));

    private static KeyValuePair<string, string>[] Pairs((string Key, string Value)[] pairs) =>
        [.. pairs.Select(p => new KeyValuePair<string, string>(p.Key, p.Value))];

    // Compact JSON with the keys in the documented order; the simulator and Instagram read it as JSON, not text.
    private static string Variables(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string Recipients(string userId) => $"[[\"{userId}\"]]";

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void RequireNumericId(string id, string name)
    {
        if (string.IsNullOrEmpty(id) || !NumericIdPattern().IsMatch(id))
            throw new ArgumentException($"{name} must be Instagram's numeric id", name);
    }

    // Media endpoints take the numeric media id or the mobile "<media>_<owner>" form.
    private static void RequireMediaId(string mediaId)
    {
        if (string.IsNullOrEmpty(mediaId) || !MediaIdPattern().IsMatch(mediaId))
            throw new ArgumentException("mediaId must be a numeric media id, optionally '_<owner id>'", nameof(mediaId));
    }

    [GeneratedRegex("^[0-9]{1,30}$")]
    private static partial Regex NumericIdPattern();

    [GeneratedRegex("^[0-9]{1,30}(_[0-9]{1,30})?$")]
    private static partial Regex MediaIdPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex ShortcodePattern();
}
