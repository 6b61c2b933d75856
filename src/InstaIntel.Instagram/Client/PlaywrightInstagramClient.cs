using System.Diagnostics;
using InstaIntel.Domain.Common;
using InstaIntel.Domain.Observability;
using InstaIntel.Instagram.Browser;
using InstaIntel.Instagram.Contracts;
using InstaIntel.Instagram.Endpoints;
using InstaIntel.Instagram.Errors;
using InstaIntel.Instagram.Parsing;
using InstaIntel.Instagram.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace InstaIntel.Instagram.Client;

/// <summary>
/// The real client: every call passes the account's request gate, runs in the account's Chromium context
/// (its cookies, storage, user agent and proxy), reads JSON through the context's request API with the web app's
/// headers, classifies the answer and parses it. It never retries: what Instagram said becomes a typed error and the
/// gate learns from it (a hold after a 429 or 5xx, a blocked account after a refused session), so the next call,
/// from whoever makes it, respects it.
/// </summary>
public sealed class PlaywrightInstagramClient(
    BrowserPool browsers, IRequestGate gate, InstagramOptions options, ILogger<PlaywrightInstagramClient> log, TimeProvider? clock = null)
    : IInstagramClient
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task<SessionValidation> ValidateSessionAsync(AccountSession session, CancellationToken cancellationToken)
    {
        try
        {
            var user = await SendAsync(session, InstagramEndpoints.CurrentUser(), r => CurrentUserParser.Parse(r.Body), cancellationToken, sessionCheck: true);
            return SessionValidation.Valid(user);
        }
        catch (InstagramException error) when (SessionValidation.FromError(error) is { } answer)
        {
            return answer;
        }
    }

    public Task<CurrentUser> GetCurrentUserAsync(AccountSession session, CancellationToken cancellationToken) =>
        SendAsync(session, InstagramEndpoints.CurrentUser(), r => CurrentUserParser.Parse(r.Body), cancellationToken);

    public Task<Page<InstagramUser>> GetFollowersAsync(AccountSession session, string userId, string? cursor, CancellationToken cancellationToken) =>
        SendAsync(session, InstagramEndpoints.FollowPage(FollowDirection.Followers, userId, cursor, options.FollowPageSize),
            r => FollowGraphParser.Parse(r.Body, FollowDirection.Followers), cancellationToken);

    public Task<Page<InstagramUser>> GetFollowingAsync(AccountSession session, string userId, string? cursor, CancellationToken cancellationToken) =>
        SendAsync(session, InstagramEndpoints.FollowPage(FollowDirection.Following, userId, cursor, options.FollowPageSize),
            r => FollowGraphParser.Parse(r.Body, FollowDirection.Following), cancellationToken);

    public Task<Page<InboxThread>> GetInboxAsync(AccountSession session, string? cursor, CancellationToken cancellationToken) =>
        SendAsync(session, InstagramEndpoints.Inbox(cursor), r => InboxParser.Parse(r.Body), cancellationToken);

    public Task<IReadOnlyList<StoryTrayEntry>> GetStoryTrayAsync(AccountSession session, CancellationToken cancellationToken) =>
        SendAsync(session, InstagramEndpoints.StoryTray(), r => StoryTrayParser.Parse(r.Body), cancellationToken);

    public Task<ProfileDetails> GetProfileAsync(AccountSession session, string username, CancellationToken cancellationToken) =>
        SendAsync(session, InstagramEndpoints.Profile(username), r => ProfileParser.ParseDetails(r.Body), cancellationToken);

    public Task<ProfileReelSummary> GetProfileReelSummaryAsync(AccountSession session, string userId, CancellationToken cancellationToken) =>
        SendAsync(session, InstagramEndpoints.ReelAndSuggestions(userId), r => ReelSummaryParser.Parse(r.Body), cancellationToken);

    public Task<StoryReel> GetStoriesAsync(AccountSession session, string userId, CancellationToken cancellationToken) =>
        SendAsync(session, InstagramEndpoints.Stories(userId), r => StoryParser.ParseReel(r.Body, userId), cancellationToken);

    public Task<Page<Post>> GetRecentPostsAsync(AccountSession session, string username, CancellationToken cancellationToken) =>
        SendAsync(session, InstagramEndpoints.Profile(username), r => ProfileParser.ParseRecentPosts(r.Body), cancellationToken);

    public Task<Post> GetPostAsync(AccountSession session, string shortcode, CancellationToken cancellationToken) =>
        SendAsync(session, InstagramEndpoints.PostByShortcode(shortcode), r => PostParser.Parse(r.Body), cancellationToken);

    public Task<Page<Comment>> GetCommentsAsync(AccountSession session, string mediaId, string? cursor, CancellationToken cancellationToken) =>
        SendAsync(session, InstagramEndpoints.Comments(mediaId, cursor), r => CommentParser.Parse(r.Body), cancellationToken);

    public Task<Page<Post>> GetHomeFeedAsync(AccountSession session, string? cursor, CancellationToken cancellationToken) =>
        SendAsync(session, InstagramEndpoints.HomeFeed(cursor), r => FeedParser.Parse(r.Body), cancellationToken);

    public Task<MediaDownload> DownloadMediaAsync(AccountSession session, Uri url, CancellationToken cancellationToken) =>
        SendAsync(session, InstagramEndpoints.MediaDownload(url), r => new MediaDownload(url, r.Header("content-type"), r.Bytes), cancellationToken);

    public Task<DirectMessageSent> SendDirectMessageAsync(AccountSession session, string recipientUserId, string text, CancellationToken cancellationToken) =>
        SendAsync(session, InstagramEndpoints.SendDirectMessage(recipientUserId, text, ClientContext()),
            r => ActionResultParser.ParseDirectMessage(r.Body), cancellationToken);

    public Task<DirectMessageSent> ReplyToStoryAsync(AccountSession session, string storyId, string ownerUserId, string text, CancellationToken cancellationToken) =>
        SendAsync(session, InstagramEndpoints.ReplyToStory(storyId, ownerUserId, text, ClientContext()),
            r => ActionResultParser.ParseDirectMessage(r.Body), cancellationToken);

    public Task LikePostAsync(AccountSession session, string mediaId, CancellationToken cancellationToken) =>
        SendAsync(session, InstagramEndpoints.LikePost(mediaId), r => { ActionResultParser.EnsureOk(r.Body); return true; }, cancellationToken);

    public Task<PostedComment> CommentOnPostAsync(AccountSession session, string mediaId, string text, CancellationToken cancellationToken) =>
        SendAsync(session, InstagramEndpoints.CommentOnPost(mediaId, text), r => ActionResultParser.ParsePostedComment(r.Body), cancellationToken);

    public Task MarkStorySeenAsync(AccountSession session, string storyId, string ownerUserId, DateTimeOffset takenAt, CancellationToken cancellationToken) =>
        SendAsync(session, InstagramEndpoints.MarkStorySeen(storyId, ownerUserId, takenAt, _clock.GetUtcNow()),
            r => { ActionResultParser.EnsureOk(r.Body); return true; }, cancellationToken);

    private async Task<T> SendAsync<T>(
        AccountSession session, InstagramRequest request, Func<FetchedResponse, T> parse, CancellationToken cancellationToken, bool sessionCheck = false)
    {
        try
        {
            if (sessionCheck) await gate.AcquireForSessionCheckAsync(session.Account, cancellationToken);
            else await gate.AcquireAsync(session.Account, request.Action, cancellationToken);
        }
        catch (AccountLoggedOutException)
        {
            // Nothing was sent: the account has been logged out since an earlier call.
            throw new AuthenticationRequiredException("session_refused_earlier");
        }

        var started = Stopwatch.GetTimestamp();
        var response = await FetchAsync(session, request, cancellationToken);
        var error = InstagramResponseClassifier.Classify(response.ToInstagramResponse(), _clock.GetUtcNow());
        if (error is null)
        {
            try
            {
                var result = parse(response);
                InstaIntelMetrics.RecordInstagramRequest(request.Capability, "ok");
                log.LogDebug("{Account} {Capability} {Status} in {Elapsed} ms", session.Account, request.Capability, response.Status,
                    (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                return result;
            }
            catch (InstagramException parseError)
            {
                error = parseError;
            }
        }
        InstaIntelMetrics.RecordInstagramRequest(request.Capability, SeedString.Of(error.Kind));
        await LearnFromAsync(session.Account, request, error, cancellationToken);
        throw error;
    }

    /// <summary>Tells the gate what an error means for the account's next requests.</summary>
    private async Task LearnFromAsync(string account, InstagramRequest request, InstagramException error, CancellationToken cancellationToken)
    {
        log.LogWarning("{Account} {Capability} failed: {Kind} (status {Status})", account, request.Capability, error.Kind, error.Status);
        var now = _clock.GetUtcNow().UtcDateTime;
        switch (error)
        {
            case AuthenticationRequiredException or ChallengeRequiredException:
                await gate.ReportAuthenticationFailureAsync(account, error.Kind.ToString(), cancellationToken);
                break;
            case RateLimitedException:
                await gate.HoldAsync(account, now + Longer(options.RateLimitPause, error.RetryAfter), "rate_limited", cancellationToken);
                break;
            case TransientException { Status: >= 500 }:
                await gate.HoldAsync(account, now + Longer(options.ServerErrorPause, error.RetryAfter), "server_error", cancellationToken);
                break;
        }
    }

    private static TimeSpan Longer(TimeSpan configured, TimeSpan? asked) => asked is { } a && a > configured ? a : configured;

    private async Task<FetchedResponse> FetchAsync(AccountSession session, InstagramRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await FetchOnceAsync(session, request, cancellationToken);
        }
        catch (TransientException closed) when (request.Method == HttpMethod.Get
            && closed.InnerException is { } inner && ClosedTarget.Is(inner))
        {
            // The context or Chromium went away under the request (a crash, a restart): a read is sent again once on a
            // fresh context; an action never is, it may have reached Instagram.
            log.LogWarning("{Account} {Capability}: the browser context closed mid-request; reading again on a new one", session.Account, request.Capability);
            await browsers.ForgetAsync(session.Account);
            return await FetchOnceAsync(session, request, cancellationToken);
        }
    }

    private async Task<FetchedResponse> FetchOnceAsync(AccountSession session, InstagramRequest request, CancellationToken cancellationToken)
    {
        var url = request.Resolve(options.BaseUrl);
        try
        {
            return await browsers.UseAsync(session.Account, session.Bundle, async context =>
            {
                var fetchOptions = new APIRequestContextOptions
                {
                    Method = request.Method.Method,
                    Headers = request.Headers(session.Bundle),
                    Timeout = (float)options.RequestTimeout.TotalMilliseconds,
                    // A redirect to the login page is an answer in itself; following it would hide it.
                    MaxRedirects = 0,
                    FailOnStatusCode = false,
                };
                if (request.FormBody is { } form) fetchOptions.Data = form;
                var response = await context.APIRequest.FetchAsync(url.AbsoluteUri, fetchOptions);
                try
                {
                    var headers = response.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value);
                    var bytes = await response.BodyAsync();
                    return new FetchedResponse(response.Status, headers, bytes, response.Url, request.ExpectsJson);
                }
                finally
                {
                    // Frees the body the driver keeps: a round trip to it that the answer does not wait for.
                    _ = ReleaseAsync(response);
                }
            }, cancellationToken);
        }
        catch (TimeoutException timeout)
        {
            throw TransientException.Timeout(options.RequestTimeout, timeout);
        }
        catch (PlaywrightException failure) when (!cancellationToken.IsCancellationRequested)
        {
            // Connection refused or reset, the browser gone mid-request: worth another try later. The message names
            // the URL, never cookies.
            throw new TransientException($"{request.Capability}: {FirstLine(failure.Message)}", innerException: failure);
        }
    }

    private async Task ReleaseAsync(IAPIResponse response)
    {
        try
        {
            await response.DisposeAsync();
        }
        catch (PlaywrightException failure)
        {
            // The context or the browser went away meanwhile: the body went with it.
            log.LogDebug("releasing a response failed: {Message}", FirstLine(failure.Message));
        }
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();

    // Instagram de-duplicates repeated sends by this id; a fresh one per message.
    private static string ClientContext() => ((ulong)Random.Shared.NextInt64(long.MaxValue)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A response as fetched: text for JSON endpoints, bytes for media.</summary>
    private sealed record FetchedResponse(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Bytes, string Url, bool IsText)
    {
        public string Body { get; } = IsText || Status is < 200 or >= 300 ? System.Text.Encoding.UTF8.GetString(Bytes) : "";

        public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

        public InstagramResponse ToInstagramResponse() => new(Status, Headers, Body, Url);
    }
}
