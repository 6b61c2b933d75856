using System.Text.Json.Nodes;
using Akka.Streams;
using Akka.Streams.Dsl;
using InstaIntel.Instagram.Client;
using InstaIntel.Domain.Common;
using InstaIntel.Domain.Messaging;
using InstaIntel.Domain.Profiles;
using InstaIntel.Instagram.Contracts;
using InstaIntel.Instagram.Errors;
using InstaIntel.Instagram.Transport;

namespace InstaIntel.Actors.Messaging;

/// <summary>
/// One pass over the account's queued messages, oldest first, one send at a time (a stream with the pass's kill
/// switch). Each message is checked against the profile's interaction state before Instagram is asked; the client's
/// request gate holds the budget and the daily caps.
/// </summary>
internal sealed class MessageSending(string username, MessagingServices services, IMaterializer materializer, SharedKillSwitch killSwitch, CancellationToken cancellation)
{
    // A kind whose daily cap is used up is not tried again in this pass: its messages stay queued.
    private readonly Dictionary<MessageKind, DateTime> _capped = [];

    public async Task<WorkDone> SendQueuedAsync()
    {
        // Nothing queued, nothing asked of Instagram (the child passes over the rows every time it starts).
        var queued = await services.Messages.ListQueuedAsync(username, services.BatchSize, cancellation);
        if (queued.Count == 0) return new WorkDone([], null, false, null);
        AccountSession session;
        try
        {
            (_, session) = await services.Contexts.LoadSessionAsync(username, cancellation);
        }
        catch (InstagramException noSession)
        {
            // Nothing can be sent without a session, and the caller should hear why rather than wait.
            var failed = new List<IMessagingReport>();
            foreach (var message in queued)
                failed.Add(await FailAsync(message, $"{noSession.GetType().Name}: {noSession.Message}", refused: false));
            return new WorkDone(failed, null, queued.Count == services.BatchSize, null);
        }
        var reports = await Source.From(queued)
            .Via(killSwitch.Flow<InstagramMessage>())
            .SelectAsync(1, message => SendOneAsync(session, message))
            .RunWith(Sink.Seq<IMessagingReport>(), materializer);
        var deferred = reports.OfType<MessageDeferred>().Count();
        return new WorkDone(reports, _capped.Count == 0 ? null : _capped.Values.Min(),
            MoreQueued: queued.Count == services.BatchSize && deferred < queued.Count, null);
    }

    private async Task<IMessagingReport> SendOneAsync(AccountSession session, InstagramMessage message)
    {
        var kind = KindOf(message);
        if (_capped.TryGetValue(kind, out var until))
            return new MessageDeferred(message.Id, until, "daily_cap_reached");
        var now = DateTime.UtcNow;
        var profile = await services.Profiles.FindAsync(message.InstagramProfileId, cancellation);
        if (profile is null)
            return await FailAsync(message, "profile_not_found", refused: true);
        if (InteractionRules.Check(profile, kind, now) is { } refusal)
            return await FailAsync(message, $"refused: {refusal.Describe()}", refused: true);
        try
        {
            var userId = profile.IgUserId ?? await ResolveUserIdAsync(session, profile);
            DirectMessageSent receipt = kind == MessageKind.StoryReply
                ? await services.Instagram.ReplyToStoryAsync(session, message.Metadata?["story_id"]?.GetValue<string>() ?? "", userId, message.Body, cancellation)
                : await services.Instagram.SendDirectMessageAsync(session, userId, message.Body, cancellation);
            var sentAt = receipt.SentAt?.UtcDateTime ?? DateTime.UtcNow;
            await services.Messages.MarkSentAsync(message.Id, sentAt, new JsonObject { ["thread_id"] = receipt.ThreadId, ["item_id"] = receipt.ItemId }, CancellationToken.None);
            await RecordAsync(profile.Id, kind, InteractionRules.AfterSent(kind), sentAt);
            return new MessageSent(message.Id, receipt.ThreadId, receipt.ItemId);
        }
        catch (DailyCapReachedException capped)
        {
            _capped[kind] = capped.RetryAt;
            return new MessageDeferred(message.Id, capped.RetryAt, $"daily_cap_reached:{SeedString.Of(capped.Action)}");
        }
        catch (InstagramException refused) when (IsRefusal(refused))
        {
            // Instagram said no to this profile: close it for the kind's window so the next message is refused early.
            var reason = SeedString.Of(refused.Kind);
            await RecordAsync(profile.Id, kind, InteractionRules.AfterRefusal(kind, refused.Status, reason, now, services.Windows), now);
            return await FailAsync(message, $"{refused.GetType().Name}: {refused.Message}", refused: true);
        }
        catch (Exception error) when (error is InstagramException or AccountLoggedOutException)
        {
            // A rate limit, an outage or a lost session is not the profile's doing: the message fails, the profile stays open.
            return await FailAsync(message, $"{error.GetType().Name}: {error.Message}", refused: false);
        }
    }

    private async Task<string> ResolveUserIdAsync(AccountSession session, InstagramProfile profile)
    {
        var details = await services.Instagram.GetProfileAsync(session, profile.Username, cancellation);
        await services.Profiles.SetIgUserIdAsync(profile.Id, details.Id, CancellationToken.None);
        return details.Id;
    }

    private Task RecordAsync(long profileId, MessageKind kind, InteractionOutcome outcome, DateTime at) => kind == MessageKind.StoryReply
        ? services.Profiles.SetStoryInteractionAsync(profileId, outcome.Available ? StoryInteractionState.ReplyAvailable : StoryInteractionState.Unavailable,
            outcome.Reason, at, outcome.RetryAfter, CancellationToken.None)
        : services.Profiles.SetDmInteractionAsync(profileId, outcome.Available ? DmInteractionState.Messageable : DmInteractionState.Unavailable,
            outcome.Reason, at, outcome.RetryAfter, CancellationToken.None);

    private async Task<IMessagingReport> FailAsync(InstagramMessage message, string error, bool refused)
    {
        await services.Messages.MarkFailedAsync(message.Id, DateTime.UtcNow, error, CancellationToken.None);
        return new MessageFailed(message.Id, error, refused);
    }

    /// <summary>Answers about the target (blocked, rejected, gone, private), as opposed to the account or the network.</summary>
    private static bool IsRefusal(InstagramException error) =>
        error is ActionBlockedException or RequestRejectedException or NotFoundException or PrivateProfileException;

    public static MessageKind KindOf(InstagramMessage message) =>
        SeedString.TryParse<MessageKind>(message.Metadata?["kind"]?.GetValue<string>(), out var kind) ? kind : MessageKind.Dm;
}
