using System.Text.Json.Nodes;
using InstaIntel.Domain.Common;
using InstaIntel.Domain.Operations;

namespace InstaIntel.Node.ControlApi;

/// <summary>202 to an action: its <c>instagram_profile_action_logs</c> id, and the run that carries it out when there is one.</summary>
public sealed record ActionAcceptedResponse(long Id, string Action, string Status, string Location, Guid? RunId = null, string? Phase = null);

/// <summary>One <c>instagram_profile_action_logs</c> row as the control API shows it (queued -> running -> succeeded | failed).</summary>
public sealed record ActionResponse(
    long Id, string Action, string? Profile, string Status, string? Trigger, DateTime OccurredAt, DateTime? StartedAt, DateTime? FinishedAt,
    string? Log, string? Error, JsonObject? Metadata)
{
    public static ActionResponse From(InstagramProfileActionLog log, string? profile) =>
        new(log.Id, log.Action, profile, SeedString.Of(log.Status), log.TriggerSource, log.OccurredAt, log.StartedAt, log.FinishedAt,
            log.LogText, log.ErrorMessage, log.Metadata);
}
