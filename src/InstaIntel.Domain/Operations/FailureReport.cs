using System.Text.Json.Nodes;

namespace InstaIntel.Domain.Operations;

/// <summary>
/// A failure as its capturer saw it (a child's failed run, a crashed child, a failed HTTP request), before it is
/// classified and stored as a <c>background_job_failures</c> row and an <c>app_issues</c> occurrence.
/// </summary>
/// <param name="JobClass">The work's class (e.g. <c>StoryIngestionActor</c>, <c>http</c>).</param>
/// <param name="QueueName">Where it ran: the child or stream name (<c>story-ingestion</c>), or the HTTP route.</param>
/// <param name="CorrelationId">The run id, or the HTTP trace id.</param>
/// <param name="Authentication">The thrower already knew it was a refused session.</param>
/// <param name="Reissuable">The work can be sent to its entity again (an HTTP request cannot: its caller repeats it).</param>
public sealed record FailureReport(
    string JobClass,
    string? QueueName,
    string CorrelationId,
    string ErrorClass,
    string ErrorMessage,
    string? Backtrace,
    DateTime OccurredAt,
    string? AccountUsername = null,
    string? ProfileUsername = null,
    bool Authentication = false,
    int? HttpStatus = null,
    bool Reissuable = true,
    JsonObject? Metadata = null)
{
    public FailureClassification Classification
    {
        get
        {
            var classified = FailureClassifier.Classify(ErrorClass, ErrorMessage, Authentication, HttpStatus);
            return Reissuable ? classified : classified with { Retryable = false };
        }
    }

    /// <summary>The issue source: the queue (child, stream, route) when known, else the job class.</summary>
    public string IssueSource => string.IsNullOrWhiteSpace(QueueName) ? JobClass : QueueName;
}
