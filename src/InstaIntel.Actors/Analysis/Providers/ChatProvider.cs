using System.Diagnostics.CodeAnalysis;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using InstaIntel.Domain.Analysis;
using InstaIntel.Storage.Analysis;

namespace InstaIntel.Actors.Analysis;

/// <summary>
/// The common part of the HTTP chat providers: text generation from a system and a user message, the base URL, model
/// and timeout from <c>ai_provider_settings.config</c> (<c>base_url</c>, <c>model</c>, <c>timeout_seconds</c>), errors as
/// <see cref="AiProviderException"/> with the HTTP status. The answer's <c>analysis</c> is <c>{"text": ...}</c>.
/// </summary>
public abstract class ChatProvider(HttpClient http) : IAiProvider
{
    public const string TextSchemaVersion = "text_generation_v1";

    public abstract string Name { get; }

    protected abstract string DefaultBaseUrl { get; }

    protected abstract string DefaultModel { get; }

    public bool Supports(string purpose) => purpose is AiPurposes.TextGeneration or AiPurposes.ProfileInsights;

    public async Task<ProviderAnswer> RunAsync(AiRequest request, ProviderSettings settings, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Prompt))
            throw new AiProviderException($"{Name} needs a prompt");
        var baseUrl = BaseUrl(settings);
        var model = Text(settings.Config, "model") ?? DefaultModel;
        var timeout = settings.Config["timeout_seconds"] is JsonValue t && t.TryGetValue<int>(out var seconds) && seconds > 0 ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromSeconds(60);
        var messages = new JsonArray();
        if (request.SystemPrompt is { Length: > 0 } system) messages.Add(new JsonObject { ["role"] = "system", ["content"] = system });
        messages.Add(new JsonObject { ["role"] = "user", ["content"] = request.Prompt });

        using var call = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, Path)) { Content = JsonContent.Create(Body(model, messages)) };
        if (settings.ApiKey is { Length: > 0 } key) call.Headers.Authorization = new("Bearer", key);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(call, deadline.Token);
        }
        catch (Exception error) when (error is HttpRequestException || (error is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new AiProviderException($"{Name} unreachable at {baseUrl}: {error.Message}", null, error);
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
                throw new AiProviderException($"{Name} answered {status}", status);
            JsonObject answer;
            try
            {
                answer = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken) ?? throw new JsonException("empty body");
            }
            catch (JsonException error)
            {
                throw new AiProviderException($"{Name} answered something that is not JSON: {error.Message}", status, error);
            }
            if (!TryRead(answer, out var text, out var input, out var output) || string.IsNullOrWhiteSpace(text))
                throw new AiProviderException($"{Name} answered without a message", status);
            text = text.Trim();
            if (request.Purpose == AiPurposes.ProfileInsights)
            {
                // The model was asked for the JSON schema; whatever it wrote around or inside it is read leniently, and an
                // answer without a JSON object fails the call so the runner tries the next provider.
                var profile = Domain.Insights.ProfileInsightAnalysis.FromAnswer(text)
                              ?? throw new AiProviderException($"{Name} answered without the JSON object the profile insights schema asks for", status);
                return new ProviderAnswer(Text(answer, "model") ?? model, profile.ToJson(), text,
                    InputTokens: input, OutputTokens: output, RequestUnits: 1, HttpStatus: status,
                    ConfidenceScore: profile.Confidence, EvidenceCount: request.Evidence?.Count, SignalsDetectedCount: profile.Signals?.Count ?? 0,
                    PromptVersion: ProfileInsightPrompt.Version, SchemaVersion: Domain.Insights.ProfileInsightAnalysis.SchemaVersion);
            }
            return new ProviderAnswer(Text(answer, "model") ?? model, new JsonObject { ["text"] = text }, text,
                InputTokens: input, OutputTokens: output, RequestUnits: 1, HttpStatus: status,
                EvidenceCount: request.Evidence?.Count, PromptVersion: "v1", SchemaVersion: TextSchemaVersion);
        }
    }

    /// <summary>
    /// Reachability: a GET of the provider's model list at the base URL its calls go to, with the same key. Only a 2xx
    /// passes: a refused key (401) or a wrong base URL (404) would fail every call too.
    /// </summary>
    public async Task<AiHealthResult> ProbeAsync(ProviderSettings settings, CancellationToken cancellationToken)
    {
        Uri url;
        try
        {
            url = new Uri(BaseUrl(settings), ProbePath);
        }
        catch (UriFormatException error)
        {
            return new AiHealthResult(false, $"config.base_url is not a URL: {error.Message}");
        }
        using var call = new HttpRequestMessage(HttpMethod.Get, url);
        if (settings.ApiKey is { Length: > 0 } key) call.Headers.Authorization = new("Bearer", key);
        try
        {
            using var response = await http.SendAsync(call, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            return new AiHealthResult(response.IsSuccessStatusCode, $"GET {url} answered {status}");
        }
        catch (HttpRequestException error)
        {
            return new AiHealthResult(false, $"{Name} unreachable at {url}: {error.Message}");
        }
    }

    private Uri BaseUrl(ProviderSettings settings) => new(Text(settings.Config, "base_url") ?? DefaultBaseUrl, UriKind.Absolute);

    /// <summary>The endpoint, relative to the base URL.</summary>
    protected abstract string Path { get; }

    /// <summary>What the health probe GETs, relative to the base URL: the provider's list of models.</summary>
    protected abstract string ProbePath { get; }

    protected abstract JsonObject Body(string model, JsonArray messages);

    protected abstract bool TryRead(JsonObject answer, [NotNullWhen(true)] out string? text, out int? inputTokens, out int? outputTokens);

    protected static string? Text(JsonObject json, string key) => json[key] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;

    protected static int? Number(JsonNode? node) => node is JsonValue v && v.TryGetValue<int>(out var n) ? n : null;
}

/// <summary><c>ollama</c>: its chat API, <c>POST /api/chat</c> without streaming; tokens from <c>prompt_eval_count</c> / <c>eval_count</c>.</summary>
public sealed class OllamaProvider(HttpClient http) : ChatProvider(http)
{
    public const string ProviderName = "ollama";

    public override string Name => ProviderName;

    protected override string DefaultBaseUrl => "http://127.0.0.1:11434/";

    protected override string DefaultModel => "llama3.2";

    protected override string Path => "api/chat";

    protected override string ProbePath => "api/tags";

    protected override JsonObject Body(string model, JsonArray messages) => new() { ["model"] = model, ["messages"] = messages, ["stream"] = false };

    protected override bool TryRead(JsonObject answer, [NotNullWhen(true)] out string? text, out int? inputTokens, out int? outputTokens)
    {
        text = answer["message"] is JsonObject message ? Text(message, "content") : null;
        inputTokens = Number(answer["prompt_eval_count"]);
        outputTokens = Number(answer["eval_count"]);
        return text is not null;
    }
}

/// <summary><c>openai</c>: any OpenAI-compatible chat completions API, <c>POST v1/chat/completions</c> with a bearer key; tokens from <c>usage</c>.</summary>
public sealed class OpenAiCompatibleProvider(HttpClient http) : ChatProvider(http)
{
    public const string ProviderName = "openai";

    public override string Name => ProviderName;

    protected override string DefaultBaseUrl => "https://api.openai.com/";

    protected override string DefaultModel => "gpt-4o-mini";

    protected override string Path => "v1/chat/completions";

    protected override string ProbePath => "v1/models";

    protected override JsonObject Body(string model, JsonArray messages) => new() { ["model"] = model, ["messages"] = messages };

    protected override bool TryRead(JsonObject answer, [NotNullWhen(true)] out string? text, out int? inputTokens, out int? outputTokens)
    {
        text = answer["choices"] is JsonArray { Count: > 0 } choices && choices[0]?["message"] is JsonObject message ? Text(message, "content") : null;
        inputTokens = Number(answer["usage"]?["prompt_tokens"]);
        outputTokens = Number(answer["usage"]?["completion_tokens"]);
        return text is not null;
    }
}
