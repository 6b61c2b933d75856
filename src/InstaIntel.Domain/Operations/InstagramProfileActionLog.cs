using System.Text.Json.Nodes;
using InstaIntel.Domain.Common;

namespace InstaIntel.Domain.Operations;

/// <summary><c>instagram_profile_action_logs</c>: the audit trail of actions taken on a profile.</summary>
public sealed class InstagramProfileActionLog : IEntity
{
    /// <summary>Known values of <see cref="Action"/>; the set is open.</summary>
    public static class Actions
    {
        public const string FetchDetails = "fetch_details";
        public const string VerifyMessageability = "verify_messageability";
        public const string Analyze = "analyze";
        public const string CapturePosts = "capture_posts";
        public const string BuildHistory = "build_history";
        public const string SyncAvatar = "sync_avatar";
        public const string SyncStories = "sync_stories";
        public const string PostComment = "post_comment";
    }

    public long Id { get; set; }
    public long InstagramAccountId { get; set; }
    public long InstagramProfileId { get; set; }

    public string Action { get; set; } = "";
    public RunStatus Status { get; set; } = RunStatus.Queued;
    /// <summary>What initiated the action: scheduler, api, continuous_processing, ...</summary>
    public string? TriggerSource { get; set; }
    public string? ActiveJobId { get; set; }
    public string? QueueName { get; set; }
    /// <summary>Job ids, queue info, action-specific payloads.</summary>
    public JsonObject? Metadata { get; set; }
    public string? LogText { get; set; }
    public string? ErrorMessage { get; set; }
    public DateTime OccurredAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
