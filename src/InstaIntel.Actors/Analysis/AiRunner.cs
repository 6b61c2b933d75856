using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using InstaIntel.Domain.Analysis;
using InstaIntel.Storage.Analysis;

namespace InstaIntel.Actors.Analysis;

/// <summary>How a request ended: the analysis row and its output, and whether it came from the cache.</summary>
public sealed record AiOutcome(long AiAnalysisId, string Provider, string? Model, JsonObject Analysis, bool CacheHit, long? CachedFromAiAnalysisId);

/// <summary>
/// Runs inferences the way BEHAVIOUR.md §7 says: a repeat on the same media fingerprint and purpose is a cache hit (a new
/// <c>ai_analyses</c> row pointing at the original, no inference); otherwise the enabled providers are tried by priority,
/// skipping those whose rate-limit windows (counted from <c>ai_api_calls</c>) are full, each attempt an
/// <c>ai_analyses</c> row (queued -> running -> completed / failed) and each call an <c>ai_api_calls</c> row.
/// Thread-safe: the same media analysed twice at once runs one inference; the second waits and is a cache hit.
/// </summary>
public sealed class AiRunner
{
    /// <summary>Config keys of <c>ai_provider_settings.config</c> that limit a provider.</summary>
    public const string RequestsPerMinuteKey = "requests_per_minute";
    public const string DailyLimitKey = "daily_limit";

    private readonly IReadOnlyDictionary<string, IAiProvider> _providers;
    private readonly AiAnalysisRepository _analyses;
    private readonly AiApiCallRepository _calls;
    private readonly AiProviderSettingRepository _settings;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<(string Purpose, string Fingerprint), Task<AiOutcome>> _inFlight = new();

    public AiRunner(IEnumerable<IAiProvider> providers, AiAnalysisRepository analyses, AiApiCallRepository calls, AiProviderSettingRepository settings,
        TimeProvider? clock = null)
    {
        _providers = providers.ToDictionary(p => p.Name, StringComparer.Ordinal);
        _analyses = analyses;
        _calls = calls;
        _settings = settings;
        _clock = clock ?? TimeProvider.System;
    }

    public async Task<AiOutcome> RunAsync(AiRequest request, CancellationToken cancellationToken)
    {
        if (request.MediaFingerprint is not { Length: > 0 } fingerprint)
            return await InferAsync(request, cancellationToken);

        var key = (request.Purpose, fingerprint);
        while (true)
        {
            if (await _analyses.FindReusableAsync(request.Purpose, fingerprint, cancellationToken) is { } original)
                return Hit(await _analyses.RecordCacheHitAsync(original, request.AccountId, request.AnalyzableType, request.AnalyzableId, cancellationToken));

            var mine = new TaskCompletionSource<AiOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
            var running = _inFlight.GetOrAdd(key, mine.Task);
            if (running != mine.Task)
            {
                // Someone infers this media now: wait for it, then take its result from the cache (or try ourselves if it failed).
                try { await running.WaitAsync(cancellationToken); } catch (Exception) when (!cancellationToken.IsCancellationRequested) { }
                continue;
            }
            try
            {
                var outcome = await InferAsync(request, cancellationToken);
                mine.SetResult(outcome);
                return outcome;
            }
            catch (Exception error)
            {
                mine.SetException(error);
                throw;
            }
            finally
            {
                _inFlight.TryRemove(new KeyValuePair<(string, string), Task<AiOutcome>>(key, mine.Task));
            }
        }
    }

    private static AiOutcome Hit(AiAnalysis row) => new(row.Id, row.Provider, row.Model, row.Analysis!, true, row.CachedFromAiAnalysisId);

    private async Task<AiOutcome> InferAsync(AiRequest request, CancellationToken cancellationToken)
    {
        var attempts = new List<string>();
        var errors = new List<Exception>();
        var limited = 0;
        foreach (var settings in await CandidatesAsync(request.Purpose, cancellationToken))
        {
            var provider = _providers[settings.Provider];
            if (await FullWindowAsync(settings, cancellationToken) is { } limit)
            {
                attempts.Add($"{settings.Provider}: {limit}");
                limited++;
                continue;
            }
            var row = new AiAnalysis
            {
                InstagramAccountId = request.AccountId,
                AnalyzableType = request.AnalyzableType,
                AnalyzableId = request.AnalyzableId,
                Purpose = request.Purpose,
                Provider = settings.Provider,
                MediaFingerprint = request.MediaFingerprint,
                Metadata = new JsonObject { ["cache_hit"] = false, ["priority"] = settings.Priority },
            };
            await _analyses.QueueAsync(row, cancellationToken);
            await _analyses.MarkRunningAsync(row.Id, cancellationToken);
            var watch = Stopwatch.StartNew();
            try
            {
                var answer = await provider.RunAsync(request, settings, cancellationToken);
                await RecordCallAsync(request, settings.Provider, watch, AiApiCallStatus.Succeeded, answer.HttpStatus, null, answer);
                await _analyses.CompleteAsync(row.Id, new AiAnalysisResult(answer.Model, request.Prompt, answer.ResponseText, answer.Analysis,
                    answer.ConfidenceScore, answer.EvidenceCount, answer.SignalsDetectedCount, answer.InputCompletenessScore,
                    answer.PromptVersion, answer.SchemaVersion), CancellationToken.None);
                return new AiOutcome(row.Id, settings.Provider, answer.Model, answer.Analysis, false, null);
            }
            catch (Exception error)
            {
                var aborted = cancellationToken.IsCancellationRequested;
                var status = (error as AiProviderException)?.HttpStatus;
                await RecordCallAsync(request, settings.Provider, watch, AiApiCallStatus.Failed, status, aborted ? "aborted" : $"{error.GetType().Name}: {error.Message}", null);
                await _analyses.FailAsync(row.Id, aborted ? "aborted" : $"{error.GetType().Name}: {error.Message}", CancellationToken.None);
                if (aborted) throw;
                attempts.Add($"{settings.Provider}: {error.Message}");
                errors.Add(error);
            }
        }
        throw new AiProvidersFailedException(attempts.Count == 0
            ? $"no enabled AI provider supports {request.Purpose}"
            : $"all enabled AI providers failed for {request.Purpose}: {string.Join("; ", attempts)}", limited > 0 && limited == attempts.Count, errors);
    }

    /// <summary>
    /// Enabled providers by priority that exist on this node and serve the purpose. With no settings at all, the local
    /// provider serves alone, so a fresh node analyses media without configuration.
    /// </summary>
    private async Task<IReadOnlyList<ProviderSettings>> CandidatesAsync(string purpose, CancellationToken cancellationToken) =>
        (await EnabledAsync(cancellationToken)).Where(s => _providers.TryGetValue(s.Provider, out var p) && p.Supports(purpose)).ToList();

    /// <summary>The enabled providers by priority, or the local provider alone when nothing is configured (what the runner would try).</summary>
    public async Task<IReadOnlyList<ProviderSettings>> EnabledAsync(CancellationToken cancellationToken) =>
        await _settings.AnyAsync(cancellationToken)
            ? await _settings.ListEnabledAsync(cancellationToken)
            : [new ProviderSettings(LocalProvider.ProviderName, true, 0, new JsonObject(), null)];

    /// <summary>The provider this node has under that name, or null (a settings row may name one this build does not ship).</summary>
    public IAiProvider? Provider(string name) => _providers.GetValueOrDefault(name);

    /// <summary>Why the provider may not be called now, or null. Windows are counted from its <c>ai_api_calls</c> rows.</summary>
    private async Task<string?> FullWindowAsync(ProviderSettings settings, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        if (Limit(settings.Config, RequestsPerMinuteKey) is { } perMinute
            && await _calls.CountSinceAsync(settings.Provider, now.AddMinutes(-1), cancellationToken) >= perMinute)
            return $"rate limited ({perMinute} requests a minute)";
        if (Limit(settings.Config, DailyLimitKey) is { } perDay
            && await _calls.CountSinceAsync(settings.Provider, now.Date, cancellationToken) >= perDay)
            return $"rate limited ({perDay} requests a day)";
        return null;
    }

    private static int? Limit(JsonObject config, string key) =>
        config[key] is JsonValue value && value.TryGetValue<int>(out var limit) && limit >= 0 ? limit : null;

    private Task RecordCallAsync(AiRequest request, string provider, Stopwatch watch, AiApiCallStatus status, int? httpStatus, string? error, ProviderAnswer? answer) =>
        _calls.RecordAsync(new AiApiCall
        {
            InstagramAccountId = request.AccountId,
            Provider = provider,
            Operation = request.Purpose,
            Category = request.Category,
            InputTokens = answer?.InputTokens,
            OutputTokens = answer?.OutputTokens,
            TotalTokens = answer?.InputTokens is null && answer?.OutputTokens is null ? null : (answer.InputTokens ?? 0) + (answer.OutputTokens ?? 0),
            RequestUnits = answer?.RequestUnits ?? 1,
            LatencyMs = (int)Math.Min(int.MaxValue, watch.ElapsedMilliseconds),
            HttpStatus = httpStatus,
            Status = status,
            ErrorMessage = error,
            OccurredAt = _clock.GetUtcNow().UtcDateTime,
        }, CancellationToken.None);
}
