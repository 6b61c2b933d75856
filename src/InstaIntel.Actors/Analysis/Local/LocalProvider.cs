using InstaIntel.Actors.Analysis.Local;
using InstaIntel.Domain.Analysis;
using InstaIntel.Intelligence.Models;
using InstaIntel.Storage.Analysis;

namespace InstaIntel.Actors.Analysis;

/// <summary>
/// <c>local</c>: the node's own ONNX analysers for media understanding, and a deterministic composer for text (the same
/// evidence always gives the same words). Costs one request unit a call; needs no key. Its health is its models
/// (<paramref name="models"/>: the registry the analysers load from; without one there is nothing to check).
/// </summary>
public sealed class LocalProvider(LocalMediaAnalyser media, ModelRegistry? models = null) : IAiProvider
{
    public const string ProviderName = "local";

    public string Name => ProviderName;

    public const string ComposerModel = "local-composer-v1";

    /// <summary>The model label of <c>profile_insights</c> answers: the rules of <c>ProfileInsightComposer</c>.</summary>
    public const string ProfileComposerModel = "local-profile-composer-v1";

    public bool Supports(string purpose) => purpose is AiPurposes.MediaUnderstanding or AiPurposes.TextGeneration or AiPurposes.ProfileInsights;

    public async Task<ProviderAnswer> RunAsync(AiRequest request, ProviderSettings settings, CancellationToken cancellationToken)
    {
        if (request.Purpose == AiPurposes.TextGeneration)
            return Compose(request);
        if (request.Purpose == AiPurposes.ProfileInsights)
            return ComposeProfile(request);
        if (request.Purpose != AiPurposes.MediaUnderstanding)
            throw new AiProviderException($"the local provider does not serve {request.Purpose}");
        if (request.Media.IsEmpty)
            throw new AiProviderException("media understanding needs the media's bytes");
        var reading = await media.ReadAsync(request.Media, request.MediaType, cancellationToken);
        var embedded = reading.Faces.Count(f => f.Embedding is not null);
        // Signals: faces, lines of text, tags and handles read; completeness: share of faces large enough to identify.
        return new ProviderAnswer(media.Model, reading.ToJson(),
            RequestUnits: 1,
            ConfidenceScore: reading.Faces.Count == 0 ? null : Math.Round(reading.Faces.Average(f => f.Confidence), 4),
            EvidenceCount: reading.Faces.Count + reading.OcrLines.Count,
            SignalsDetectedCount: reading.Faces.Count + reading.OcrLines.Count + reading.Hashtags.Count + reading.Mentions.Count,
            InputCompletenessScore: reading.Faces.Count == 0 ? 1 : Math.Round((double)embedded / reading.Faces.Count, 4),
            PromptVersion: "v1",
            SchemaVersion: MediaReading.SchemaVersion);
    }

    /// <summary>
    /// Every file of the model manifest is where it should be with the right sha256 (the registry remembers a file that
    /// passed, so only the first probe reads them all; a failure is checked again next time).
    /// </summary>
    public async Task<AiHealthResult> ProbeAsync(ProviderSettings settings, CancellationToken cancellationToken)
    {
        if (models is null) return new AiHealthResult(true, "no model registry on this node to check");
        try
        {
            var verified = await Task.Run(() => models.VerifyAll(), cancellationToken);
            return new AiHealthResult(true, $"{verified.Count} models verified in {models.Options.Directory}");
        }
        catch (ModelIntegrityException error)
        {
            return new AiHealthResult(false, error.Message);
        }
    }

    /// <summary>The profile read by rules from its evidence (<see cref="AiRequest.Input"/>): same evidence, same analysis.</summary>
    private static ProviderAnswer ComposeProfile(AiRequest request)
    {
        if (request.Input is null)
            throw new AiProviderException("profile insights need the profile's evidence");
        var evidence = Domain.Insights.ProfileEvidence.FromJson(request.Input);
        var analysis = Domain.Insights.ProfileInsightComposer.Compose(evidence);
        return new ProviderAnswer(ProfileComposerModel, analysis.ToJson(), analysis.Summary, RequestUnits: 1,
            ConfidenceScore: analysis.Confidence,
            EvidenceCount: evidence.Posts.Count + evidence.Stories.Count + (evidence.Bio is null ? 0 : 1),
            SignalsDetectedCount: analysis.Signals?.Count ?? 0,
            InputCompletenessScore: analysis.InputCompleteness,
            PromptVersion: "v1", SchemaVersion: Domain.Insights.ProfileInsightAnalysis.SchemaVersion);
    }

    private static ProviderAnswer Compose(AiRequest request)
    {
        var evidence = string.Join(' ', request.Evidence ?? []);
        var key = $"{request.AnalyzableType}:{request.AnalyzableId}";
        var text = Processing.FeedCommentComposer.Compose(evidence, key)
                   ?? throw new AiProviderException("the composer needs evidence to write from");
        // Comment generation passes structured evidence lines (CommentEvidence.ToLines) and reads up to eight suggestions.
        var suggestions = Domain.Comments.CommentComposer.Suggest(Domain.Comments.CommentEvidence.FromLines(request.Evidence ?? []), key);
        var analysis = new System.Text.Json.Nodes.JsonObject
        {
            ["text"] = text,
            ["suggestions"] = new System.Text.Json.Nodes.JsonArray(suggestions.Select(s => (System.Text.Json.Nodes.JsonNode?)System.Text.Json.Nodes.JsonValue.Create(s)).ToArray()),
        };
        return new ProviderAnswer(ComposerModel, analysis, text, RequestUnits: 1,
            EvidenceCount: request.Evidence?.Count ?? 0, PromptVersion: "v1", SchemaVersion: ChatProvider.TextSchemaVersion);
    }
}
