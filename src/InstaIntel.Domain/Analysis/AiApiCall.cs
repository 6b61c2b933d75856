using System.Text.Json.Nodes;
using InstaIntel.Domain.Common;

namespace InstaIntel.Domain.Analysis;

/// <summary><c>ai_api_calls</c>: usage of one call to an AI service, for dashboards and rate-limit windows.</summary>
public sealed class AiApiCall : IEntity
{
    public long Id { get; set; }
    /// <summary>The account the call worked for; none for system calls such as health checks.</summary>
    public long? InstagramAccountId { get; set; }

    // Classification.
    public string Provider { get; set; } = "";
    public string Operation { get; set; } = "";
    public AiApiCallCategory Category { get; set; } = AiApiCallCategory.Other;

    // Usage.
    public int? InputTokens { get; set; }
    public int? OutputTokens { get; set; }
    public int? TotalTokens { get; set; }
    public int? RequestUnits { get; set; }

    // Performance.
    public int? LatencyMs { get; set; }
    public int? HttpStatus { get; set; }
    public AiApiCallStatus Status { get; set; }
    public string? ErrorMessage { get; set; }
    public JsonObject? Metadata { get; set; }

    public DateTime OccurredAt { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
