using System.Security.Cryptography;
using System.Text.Json.Nodes;
using InstaIntel.Actors.Analysis;
using InstaIntel.Domain.Analysis;
using InstaIntel.Domain.Security;
using InstaIntel.Storage;
using InstaIntel.Storage.Accounts;
using InstaIntel.Storage.Analysis;
using InstaIntel.Testing;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Actors.Tests.Analysis;

/// <summary>
/// Providers from <c>ai_provider_settings</c> against a stub server on 127.0.0.1 (real Kestrel) that speaks the Ollama and
/// OpenAI chat APIs: priority order, fallback on failure with every attempt recorded, the key encrypted at rest and sent.
/// </summary>
public sealed class ChatProviderTests : IAsyncLifetime
{
    private const string Key = "sk-test-0123456789";
    private ChatProviderStub _stub = null!;
    private TestDatabase _database = null!;
    private AiProviderSettingRepository _settings = null!;
    private AiRunner _runner = null!;
    private long _accountId;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync()
    {
        _stub = await ChatProviderStub.StartAsync();
        _database = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite, migrate: true);
        var factory = _database.Factory();
        var accounts = new AccountRepository(factory);
        await accounts.ProjectAsync(new Domain.Accounts.InstagramAccount { Username = "alice", ProjectedSequenceNr = 1 });
        _accountId = (await accounts.FindAsync("alice"))!.Id;
        _settings = new AiProviderSettingRepository(factory, new SecretProtector(RandomNumberGenerator.GetBytes(SecretProtector.KeySize)));
        // The local provider needs no models for text: its composer is plain code.
        _runner = new AiRunner([new OpenAiCompatibleProvider(_http), new OllamaProvider(_http), new LocalProvider(null!)],
            new AiAnalysisRepository(factory), new AiApiCallRepository(factory), _settings);
        var config = new JsonObject { ["base_url"] = _stub.BaseAddress.ToString(), ["model"] = "stub-model", ["timeout_seconds"] = 10 };
        await _settings.UpsertAsync("openai", enabled: true, priority: 1, config, Key);
        await _settings.UpsertAsync("ollama", enabled: true, priority: 2, (JsonObject)config.DeepClone(), null);
        await _settings.UpsertAsync("local", enabled: true, priority: 3, null, null);
    }

    private Task<AiOutcome> Generate(long postId) => _runner.RunAsync(new AiRequest(_accountId, AnalyzableTypes.ProfilePost, postId, AiPurposes.TextGeneration,
        AiApiCallCategory.TextGeneration, Prompt: "Write a comment about a beach sunset", SystemPrompt: "Be brief.", Evidence: ["#sunset", "beach"]), CancellationToken.None);

    [Fact]
    public async Task The_preferred_provider_answers_with_its_tokens_and_gets_the_key_that_is_stored_encrypted()
    {
        var outcome = await Generate(1);

        Assert.Equal(("openai", "stub-model", "openai says: Write a comment about a beach sunset"), (outcome.Provider, outcome.Model, outcome.Analysis["text"]!.GetValue<string>()));
        var request = Assert.Single(_stub.Requests);
        Assert.Equal(("/v1/chat/completions", $"Bearer {Key}"), (request.Path, request.Authorization));
        Assert.Equal(new[] { "system", "user" }, request.Body["messages"]!.AsArray().Select(m => m!["role"]!.GetValue<string>()));
        await using var db = _database.Factory().Open();
        var call = await db.AiApiCalls.SingleAsync();
        Assert.Equal((AiApiCallStatus.Succeeded, 200, 20, 5, 25, AiApiCallCategory.TextGeneration), (call.Status, call.HttpStatus!.Value, call.InputTokens!.Value, call.OutputTokens!.Value, call.TotalTokens!.Value, call.Category));
        var stored = (await db.AiProviderSettings.SingleAsync(s => s.Provider == "openai")).ApiKey!;
        Assert.True(SecretProtector.LooksProtected(stored));
        Assert.DoesNotContain(Key, stored);
        var analysis = await db.AiAnalyses.SingleAsync();
        Assert.Equal((AiAnalysisStatus.Completed, ChatProvider.TextSchemaVersion, "Write a comment about a beach sunset"), (analysis.Status, analysis.SchemaVersion, analysis.Prompt));
    }

    [Fact]
    public async Task A_failing_provider_falls_back_down_the_priority_list_and_both_attempts_are_recorded()
    {
        _stub.OpenAiFailsWith = 500;

        var outcome = await Generate(1);

        Assert.Equal("ollama", outcome.Provider);
        Assert.Equal("ollama says: Write a comment about a beach sunset", outcome.Analysis["text"]!.GetValue<string>());
        Assert.Equal(new[] { "/v1/chat/completions", "/api/chat" }, _stub.Requests.Select(r => r.Path));
        Assert.Null(_stub.Requests.Last().Authorization); // ollama has no key: none is sent
        await using var db = _database.Factory().Open();
        var calls = await db.AiApiCalls.OrderBy(c => c.Id).ToListAsync();
        Assert.Equal(new (string, AiApiCallStatus, int?, int?)[] { ("openai", AiApiCallStatus.Failed, 500, null), ("ollama", AiApiCallStatus.Succeeded, 200, 19) },
            calls.Select(c => (c.Provider, c.Status, c.HttpStatus, c.TotalTokens)));
        var analyses = await db.AiAnalyses.OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(new[] { ("openai", AiAnalysisStatus.Failed), ("ollama", AiAnalysisStatus.Completed) }, analyses.Select(a => (a.Provider, a.Status)));
        Assert.Contains("openai answered 500", analyses[0].ErrorMessage);
    }

    [Fact]
    public async Task With_both_HTTP_providers_down_the_local_composer_answers_the_same_words_for_the_same_evidence()
    {
        _stub.OpenAiFailsWith = 503;
        _stub.OllamaFailsWith = 502;

        var first = await Generate(7);
        var again = await Generate(7);

        Assert.Equal(("local", LocalProvider.ComposerModel), (first.Provider, first.Model));
        Assert.EndsWith("#sunset ✨", first.Analysis["text"]!.GetValue<string>());
        Assert.Equal(first.Analysis["text"]!.ToJsonString(), again.Analysis["text"]!.ToJsonString());
        await using var db = _database.Factory().Open();
        Assert.Equal(new (string, int?)[] { ("openai", 503), ("ollama", 502), ("local", null) }, (await db.AiApiCalls.OrderBy(c => c.Id).Take(3).ToListAsync()).Select(c => (c.Provider, c.HttpStatus)));
    }

    private Task<AiOutcome> Profile(string prompt) => _runner.RunAsync(new AiRequest(_accountId, AnalyzableTypes.Profile, 1, AiPurposes.ProfileInsights,
        AiApiCallCategory.ReportGeneration, Prompt: prompt, SystemPrompt: ProfileInsightPrompt.System,
        Input: new Domain.Insights.ProfileEvidence { Username = "bean.shop", Bio = "Official coffee shop, orders by DM" }.ToJson()), CancellationToken.None);

    [Fact]
    public async Task A_chat_model_answers_profile_insights_with_json_that_is_read_and_bounded()
    {
        // The stub echoes the prompt: here a JSON answer wrapped in prose, with an out-of-range score.
        var outcome = await Profile("""{"profile_type": "business", "topics": ["#Coffee"], "messageability_score": 3}""");

        Assert.Equal("openai", outcome.Provider);
        Assert.Equal(("business", 1.0), (outcome.Analysis["profile_type"]!.GetValue<string>(), outcome.Analysis["messageability_score"]!.GetValue<double>()));
        Assert.Equal("coffee", outcome.Analysis["topics"]![0]!.GetValue<string>());
        await using var db = _database.Factory().Open();
        Assert.Equal(Domain.Insights.ProfileInsightAnalysis.SchemaVersion, (await db.AiAnalyses.SingleAsync()).SchemaVersion);
    }

    [Fact]
    public async Task A_chat_answer_without_json_fails_over_to_the_local_composer()
    {
        var outcome = await Profile("no structured answer here");

        Assert.Equal(("local", LocalProvider.ProfileComposerModel), (outcome.Provider, outcome.Model));
        Assert.Equal("business", outcome.Analysis["profile_type"]!.GetValue<string>());
        await using var db = _database.Factory().Open();
        Assert.Equal(2, await db.AiAnalyses.CountAsync(a => a.Status == AiAnalysisStatus.Failed && a.ErrorMessage!.Contains("JSON object")));
    }

    [Fact]
    public async Task An_unreachable_provider_is_a_failed_call_without_status_and_the_next_one_serves()
    {
        await _settings.UpsertAsync("openai", enabled: true, priority: 1, new JsonObject { ["base_url"] = $"http://127.0.0.1:{FreePort.Next()}/" }, Key);

        Assert.Equal("ollama", (await Generate(1)).Provider);

        await using var db = _database.Factory().Open();
        var failed = await db.AiApiCalls.FirstAsync(c => c.Provider == "openai");
        Assert.Equal((AiApiCallStatus.Failed, (int?)null), (failed.Status, failed.HttpStatus));
        Assert.Contains("unreachable", failed.ErrorMessage);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _stub.DisposeAsync();
        await _database.DisposeAsync();
    }
}
