using System.Text.Json.Nodes;
using Akka.Actor;
using Akka.Hosting;
using InstaIntel.Actors.Accounts;
using InstaIntel.Actors.Messaging;
using InstaIntel.Domain.Common;
using InstaIntel.Domain.Messaging;
using InstaIntel.Storage.Accounts;
using InstaIntel.Storage.Messaging;
using InstaIntel.Storage.Profiles;
using InstaIntel.Storage.Stories;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InstaIntel.Node.ControlApi;

/// <summary>
/// <c>/api/accounts/{username}/profiles/{profile}/messages</c>: queue a DM or a story reply (202 with the message id;
/// the account's messaging child sends it) and show it. A profile inside its retry window is refused here (409), so
/// nothing is queued that would only fail.
/// </summary>
public static class MessagesEndpoints
{
    public const int MaxTextLength = 1000;

    public static void MapMessages(this WebApplication app)
    {
        var messages = app.MapGroup("/api/accounts/{username}/profiles/{profile}/messages").WithTags("Messaging");
        messages.MapPost("/", Queue);
        messages.MapGet("/{id}", Show);
    }

    private static async Task<Results<Accepted<MessageQueuedResponse>, ProblemHttpResult>> Queue(
        string username, string profile, QueueMessageRequest? request, HttpContext http,
        AccountRepository accounts, ProfileRepository profiles, StoryRepository stories, InstagramMessageRepository messages,
        IRequiredActor<AccountRegion> region, CancellationToken cancellationToken)
    {
        if (request is null)
            return ProfileRoute.Problem(400, "Request body is required", "Send {\"text\": \"...\"} (and \"kind\": \"story_reply\" with \"story_id\" to reply to a story).");
        var text = request.Text?.Trim();
        if (string.IsNullOrEmpty(text))
            return ProfileRoute.Problem(400, "Text is required", "text must not be empty.");
        if (text.Length > MaxTextLength)
            return ProfileRoute.Problem(400, "Text too long", $"text is longer than {MaxTextLength} characters.");
        var kind = MessageKind.Dm;
        if (request.Kind is not null && !SeedString.TryParse(request.Kind, out kind))
            return ProfileRoute.Problem(400, "Invalid kind", "kind must be 'dm' or 'story_reply'.");
        var storyId = request.StoryId?.Trim();
        if (kind == MessageKind.StoryReply && string.IsNullOrEmpty(storyId))
            return ProfileRoute.Problem(400, "Story id is required", "a story_reply needs story_id.");
        if (kind == MessageKind.Dm && !string.IsNullOrEmpty(storyId))
            return ProfileRoute.Problem(400, "Unexpected story id", "story_id belongs to kind 'story_reply'.");

        var (found, problem) = await ProfileRoute.ResolveAsync(username, profile, accounts, profiles, cancellationToken);
        if (problem is not null) return problem;
        var (account, target) = (found!.Account, found.Profile!);

        if (InteractionRules.Check(target, kind, DateTime.UtcNow) is { } refusal)
            return ProfileRoute.Problem(409, kind == MessageKind.Dm ? "Profile not messageable now" : "Story replies not allowed now", refusal.Describe(),
                new Dictionary<string, object?> { ["reason"] = refusal.Code, ["state_reason"] = refusal.Reason, ["retry_after"] = refusal.RetryAfter });
        if (kind == MessageKind.StoryReply)
        {
            var story = await stories.FindAsync(target.Id, storyId!, cancellationToken);
            if (story is null)
                return ProfileRoute.Problem(422, "Unknown story", $"'{target.Username}' has no stored story '{storyId}'.",
                    new Dictionary<string, object?> { ["reason"] = "story_not_found" });
            if (story.ExpiresAt is { } expires && expires <= DateTime.UtcNow)
                return ProfileRoute.Problem(422, "Story expired", $"story '{storyId}' expired at {expires:O}.",
                    new Dictionary<string, object?> { ["reason"] = "story_expired" });
        }

        var metadata = new JsonObject { ["kind"] = SeedString.Of(kind), ["trigger"] = ProfileRoute.TriggerOf(http) };
        if (kind == MessageKind.StoryReply) metadata["story_id"] = storyId;
        var id = await messages.QueueAsync(account.Id, target.Id, text, metadata, cancellationToken);
        (await region.GetAsync(cancellationToken)).Tell(new SendQueuedMessages(account.Username));
        var location = $"/api/accounts/{account.Username}/profiles/{target.Username}/messages/{id}";
        return TypedResults.Accepted(location, new MessageQueuedResponse(id, "queued", location));
    }

    private static async Task<Results<Ok<MessageResponse>, ProblemHttpResult>> Show(
        string username, string profile, long id, AccountRepository accounts, ProfileRepository profiles, InstagramMessageRepository messages,
        CancellationToken cancellationToken)
    {
        var (found, problem) = await ProfileRoute.ResolveAsync(username, profile, accounts, profiles, cancellationToken);
        if (problem is not null) return problem;
        var message = await messages.FindAsync(id, cancellationToken);
        if (message is null || message.InstagramAccountId != found!.Account.Id || message.InstagramProfileId != found.Profile!.Id)
            return ProfileRoute.Problem(404, "Message not found", $"'{found!.Account.Username}' has no message {id} to '{found.Profile!.Username}'.");
        return TypedResults.Ok(MessageResponse.From(message, found.Profile.Username));
    }
}
