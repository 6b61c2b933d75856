using System.Text.Json.Nodes;
using InstaIntel.Actors.Analysis;
using InstaIntel.Intelligence.Models;
using InstaIntel.Storage.Analysis;
using InstaIntel.Testing;

namespace InstaIntel.Actors.Tests.Analysis;

/// <summary>The providers' health probes: the chat APIs against the stub server, the local provider against a models folder.</summary>
public sealed class ProviderProbeTests : IAsyncLifetime
{
    private ChatProviderStub _stub = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync() => _stub = await ChatProviderStub.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _stub.DisposeAsync();
    }

    private ProviderSettings Settings(string provider, Uri baseUrl, string? key = null) =>
        new(provider, true, 1, new JsonObject { ["base_url"] = baseUrl.ToString() }, key);

    [Fact]
    public async Task A_chat_provider_passes_when_its_model_list_answers_with_the_key_and_fails_on_an_error_status()
    {
        var openai = new OpenAiCompatibleProvider(_http);
        var ollama = new OllamaProvider(_http);

        var up = await openai.ProbeAsync(Settings("openai", _stub.BaseAddress, "sk-probe"), CancellationToken.None);
        Assert.True(up.Healthy, up.Detail);
        Assert.Contains(("/v1/models", "Bearer sk-probe"), _stub.Probes);
        Assert.True((await ollama.ProbeAsync(Settings("ollama", _stub.BaseAddress), CancellationToken.None)).Healthy);

        _stub.OllamaFailsWith = 503;
        var down = await ollama.ProbeAsync(Settings("ollama", _stub.BaseAddress), CancellationToken.None);
        Assert.False(down.Healthy);
        Assert.EndsWith("api/tags answered 503", down.Detail);
        _stub.OpenAiFailsWith = 401;   // a refused key fails every call too
        Assert.False((await openai.ProbeAsync(Settings("openai", _stub.BaseAddress, "sk-wrong"), CancellationToken.None)).Healthy);
    }

    [Fact]
    public async Task A_chat_provider_nobody_listens_for_is_unreachable()
    {
        var closed = new Uri($"http://127.0.0.1:{FreePort.Next()}/");

        var result = await new OllamaProvider(_http).ProbeAsync(Settings("ollama", closed), CancellationToken.None);

        Assert.False(result.Healthy);
        Assert.StartsWith($"ollama unreachable at {closed}api/tags", result.Detail);
    }

    [Fact]
    public async Task The_local_provider_fails_while_its_models_are_missing_and_passes_with_them()
    {
        var empty = Directory.CreateTempSubdirectory("instaintel-no-models").FullName;
        try
        {
            using var missing = new ModelRegistry(new ModelOptions { Directory = empty });
            var without = await new LocalProvider(null!, missing).ProbeAsync(Settings("local", _stub.BaseAddress), CancellationToken.None);
            Assert.False(without.Healthy);
            Assert.Contains("not found", without.Detail);
            Assert.Contains("scripts/ensure-models.sh", without.Detail);

            using var present = new ModelRegistry(new ModelOptions { Directory = ModelsFolder.Path });
            var with = await new LocalProvider(null!, present).ProbeAsync(Settings("local", _stub.BaseAddress), CancellationToken.None);
            Assert.True(with.Healthy, with.Detail);
            Assert.Equal($"{present.Manifest.Models.Length} models verified in {ModelsFolder.Path}", with.Detail);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }
}
