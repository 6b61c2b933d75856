using System.Text.Json.Nodes;
using InstaIntel.Domain.Analysis;
using InstaIntel.Storage.Analysis;

namespace InstaIntel.Actors.Analysis;

/// <summary>Values of <c>ai_analyses.purpose</c> the runner serves.</summary>
public static class AiPurposes
{
    /// <summary>Faces, text in the picture, picture and text embeddings, video summary: the local ONNX analysers.</summary>
    public const string MediaUnderstanding = "media_understanding";

    /// <summary>Short text written from evidence (comment suggestions, summaries): the composer or a chat model.</summary>
    public const string TextGeneration = "text_generation";

    /// <summary>
    /// A profile read from its bio and analysed media (<c>ProfileEvidence</c>): summary, signals, demographics and a message
    /// strategy (<c>ProfileInsightAnalysis</c>); the local composer, or a chat model answering the JSON schema.
    /// </summary>
    public const string ProfileInsights = "profile_insights";
}

/// <summary>One inference to run: what it is about, for what purpose, and its input (media bytes, a prompt, evidence lines or structured <paramref name="Input"/>).</summary>
public sealed record AiRequest(
    long AccountId,
    string AnalyzableType,
    long AnalyzableId,
    string Purpose,
    AiApiCallCategory Category,
    string? MediaFingerprint = null,
    ReadOnlyMemory<byte> Media = default,
    string? MediaType = null,
    string? Prompt = null,
    string? SystemPrompt = null,
    IReadOnlyList<string>? Evidence = null,
    JsonObject? Input = null);

/// <summary>A provider's answer, with the usage it reports and the quality metrics of its result.</summary>
public sealed record ProviderAnswer(
    string Model,
    JsonObject Analysis,
    string? ResponseText = null,
    int? InputTokens = null,
    int? OutputTokens = null,
    int? RequestUnits = null,
    int? HttpStatus = null,
    double? ConfidenceScore = null,
    int? EvidenceCount = null,
    int? SignalsDetectedCount = null,
    double? InputCompletenessScore = null,
    string? PromptVersion = null,
    string? SchemaVersion = null);

/// <summary>An AI service behind the runner: <c>local</c>, <c>ollama</c>, <c>openai</c>.</summary>
public interface IAiProvider
{
    /// <summary>The <c>ai_provider_settings.provider</c> value that configures it.</summary>
    string Name { get; }

    bool Supports(string purpose);

    /// <exception cref="AiProviderException">the provider answered with an error (its HTTP status when it has one).</exception>
    Task<ProviderAnswer> RunAsync(AiRequest request, ProviderSettings settings, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the provider can be used now (the AI health check asks each enabled one): an HTTP provider answers at the
    /// address its calls go to; the local one has its models. The caller's token carries the probe's deadline.
    /// </summary>
    Task<AiHealthResult> ProbeAsync(ProviderSettings settings, CancellationToken cancellationToken);
}

/// <summary>A provider call that failed; <see cref="HttpStatus"/> is recorded in <c>ai_api_calls</c>.</summary>
public sealed class AiProviderException(string message, int? httpStatus = null, Exception? inner = null) : Exception(message, inner)
{
    public int? HttpStatus { get; } = httpStatus;
}

/// <summary>Every candidate provider failed or was over its limit; the message lists each attempt.</summary>
public sealed class AiProvidersFailedException(string message, bool rateLimited, IReadOnlyList<Exception>? errors = null) : Exception(message)
{
    /// <summary>Every candidate was skipped for a full rate-limit window: the work should wait, not fail.</summary>
    public bool RateLimited { get; } = rateLimited;

    /// <summary>What each provider that was called threw, in the order tried (skipped providers threw nothing).</summary>
    public IReadOnlyList<Exception> Errors { get; } = errors ?? [];

    /// <summary>
    /// The error a failure record should name: the provider's own error when exactly one provider was called (its
    /// class and HTTP status classify the failure), else this summary.
    /// </summary>
    public Exception Cause => Errors.Count == 1 ? Errors[0] : this;
}
