using System.Text.Json.Nodes;
using InstaIntel.Domain.Common;
using InstaIntel.Domain.Messaging;

namespace InstaIntel.Node.ControlApi;

/// <summary>Body of <c>POST /api/accounts/{username}/profiles/{profile}/messages</c>: <c>kind</c> is <c>dm</c> (default) or <c>story_reply</c> with <c>story_id</c>.</summary>
public sealed record QueueMessageRequest(string? Text, string? Kind, string? StoryId);

/// <summary>202 to a queued message: its id, where to watch it.</summary>
public sealed record MessageQueuedResponse(long Id, string Status, string Location);

/// <summary>One <c>instagram_messages</c> row as the control API shows it.</summary>
public sealed record MessageResponse(
    long Id, string Profile, string Kind, string? StoryId, string Body, string Direction, string Status,
    DateTime CreatedAt, DateTime? SentAt, string? Error, string? ThreadId, string? ItemId, string? Trigger)
{
    public static MessageResponse From(InstagramMessage message, string profile)
    {
        string? Text(string key) => message.Metadata?[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        return new MessageResponse(message.Id, profile, Text("kind") ?? "dm", Text("story_id"), message.Body, SeedString.Of(message.Direction),
            SeedString.Of(message.Status), message.CreatedAt, message.SentAt, message.ErrorMessage, Text("thread_id"), Text("item_id"), Text("trigger"));
    }
}
