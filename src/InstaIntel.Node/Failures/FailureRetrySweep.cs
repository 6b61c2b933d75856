using InstaIntel.Storage.Operations;

namespace InstaIntel.Node.Failures;

/// <summary>
/// The scheduled retry of failed work (BEHAVIOUR.md 8): every <see cref="FailureRetryOptions.Interval"/>, at most
/// <see cref="FailureRetryOptions.BatchLimit"/> retryable failures of the last <see cref="FailureRetryOptions.MaxAge"/>
/// with attempts and cooldown left; one run per account a sweep. It also purges failures past their retention.
/// Every node sweeps; the entity is the one place a run starts, so two nodes cannot start the same work twice.
/// </summary>
public sealed class FailureRetrySweep(FailureRepository failures, FailureRetrier retrier, FailureRetryOptions options, ILogger<FailureRetrySweep> log)
    : BackgroundService
{
    public const string Trigger = "failure_retry";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled) return;
        using var timer = new PeriodicTimer(options.Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(DateTime.UtcNow, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The database or the cluster is away: the next sweep tries again.
                log.LogWarning(ex, "Failure retry sweep failed");
            }
        }
    }

    /// <summary>One sweep at <paramref name="now"/>: what was retried and how it went.</summary>
    public async Task<IReadOnlyList<RetryResult>> SweepAsync(DateTime now, CancellationToken cancellationToken)
    {
        var purged = await failures.PurgeAsync(now - options.Retention, cancellationToken);
        if (purged > 0) log.LogInformation("Purged {Count} failures older than {Retention}", purged, options.Retention);

        var due = await failures.DueForRetryAsync(now, options.MaxAge, options.Cooldown, options.MaxAttempts, options.BatchLimit, cancellationToken);
        var results = new List<RetryResult>();
        var runByAccount = new Dictionary<string, RetryResult>(StringComparer.Ordinal);
        foreach (var failure in due)
        {
            var account = failure.Metadata?["account"]?.GetValue<string>();
            if (account is not null && runByAccount.TryGetValue(account, out var first))
            {
                // One "run now" a sweep per account: the account's next run covers its other failures too.
                var outcome = $"covered_by: failure {first.FailureId} ({first.Outcome})";
                await failures.RecordRetryAttemptAsync(failure.Id, now, outcome, cancellationToken);
                results.Add(first with { FailureId = failure.Id, Outcome = outcome });
                continue;
            }
            var result = await retrier.RetryAsync(failure, Trigger, now, cancellationToken);
            if (account is not null) runByAccount[account] = result;
            results.Add(result);
        }
        if (results.Count > 0)
            log.LogInformation("Failure retry sweep: {Accepted} runs started, {Other} not started", results.Count(r => r.Verdict == RetryVerdict.Accepted), results.Count(r => r.Verdict != RetryVerdict.Accepted));
        return results;
    }
}
