using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace InstaIntel.Actors.Tests.Analysis;

/// <summary>
/// Real Kestrel on 127.0.0.1 speaking Ollama's <c>/api/chat</c> and the OpenAI chat completions API, with a switch per API
/// to answer an error status instead; it records what each request carried.
/// </summary>
public sealed class ChatProviderStub : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ChatProviderStub(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public int? OllamaFailsWith { get; set; }
    public int? OpenAiFailsWith { get; set; }

    /// <summary>(path, authorization header) of every health probe.</summary>
    public ConcurrentQueue<(string Path, string? Authorization)> Probes { get; } = new();

    /// <summary>(path, authorization header, body) of every request.</summary>
    public ConcurrentQueue<(string Path, string? Authorization, JsonObject Body)> Requests { get; } = new();

    public static async Task<ChatProviderStub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var stub = new ChatProviderStub(app);
        app.MapPost("/api/chat", async (HttpRequest request) =>
        {
            var body = await stub.RecordAsync(request);
            if (stub.OllamaFailsWith is { } status) return Results.StatusCode(status);
            var user = body["messages"]!.AsArray().Last()!["content"]!.GetValue<string>();
            return Results.Json(new JsonObject
            {
                ["model"] = body["model"]!.GetValue<string>(),
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = $"ollama says: {user}" },
                ["done"] = true,
                ["prompt_eval_count"] = 12,
                ["eval_count"] = 7,
            });
        });
        app.MapPost("/v1/chat/completions", async (HttpRequest request) =>
        {
            var body = await stub.RecordAsync(request);
            if (stub.OpenAiFailsWith is { } status) return Results.StatusCode(status);
            var user = body["messages"]!.AsArray().Last()!["content"]!.GetValue<string>();
            return Results.Json(new JsonObject
            {
                ["model"] = body["model"]!.GetValue<string>(),
                ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = $"openai says: {user}" } }),
                ["usage"] = new JsonObject { ["prompt_tokens"] = 20, ["completion_tokens"] = 5, ["total_tokens"] = 25 },
            });
        });
        // The model lists the health probes read; they fail with the same switches as the chat routes.
        app.MapGet("/api/tags", (HttpRequest request) =>
        {
            stub.Probes.Enqueue((request.Path.Value!, request.Headers.Authorization.FirstOrDefault()));
            return stub.OllamaFailsWith is { } status ? Results.StatusCode(status) : Results.Json(new JsonObject { ["models"] = new JsonArray() });
        });
        app.MapGet("/v1/models", (HttpRequest request) =>
        {
            stub.Probes.Enqueue((request.Path.Value!, request.Headers.Authorization.FirstOrDefault()));
            return stub.OpenAiFailsWith is { } status ? Results.StatusCode(status) : Results.Json(new JsonObject { ["data"] = new JsonArray() });
        });
        await app.StartAsync();
        stub.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/");
        return stub;
    }

    private async Task<JsonObject> RecordAsync(HttpRequest request)
    {
        var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
        Requests.Enqueue((request.Path.Value!, request.Headers.Authorization.FirstOrDefault(), body));
        return body;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
