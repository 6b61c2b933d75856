using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using InstaIntel.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InstaIntel.Node.Tests;

/// <summary>A whole node (real Kestrel on 127.0.0.1, a free Akka port, the given database) started in-process.</summary>
public sealed class RunningNode : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>The key every test node accepts (configured by its hash, as ops would from a secret store).</summary>
    public const string ApiKey = "ii_test-key-for-the-node-tests";

    private readonly WebApplication _app;

    private RunningNode(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        Http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        Anonymous = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri Address { get; }

    /// <summary>A client that sends the test API key.</summary>
    public HttpClient Http { get; }

    /// <summary>A client without a key.</summary>
    public HttpClient Anonymous { get; }
    public IServiceProvider Services => _app.Services;

    /// <param name="logs">When given, every log line of the node (all levels) is written to it.</param>
    public static async Task<RunningNode> StartAsync(StorageOptions storage, IDictionary<string, string?>? settings = null, ILoggerProvider? logs = null)
    {
        var app = NodeApplication.Build(["--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Logging.ClearProviders();
            if (logs is null)
                builder.Logging.AddFilter(_ => false);
            else
                builder.Logging.SetMinimumLevel(LogLevel.Trace);
            var values = new Dictionary<string, string?>
            {
                ["InstaIntel:Storage:Engine"] = storage.Engine.ToString(),
                ["InstaIntel:Storage:ConnectionString"] = storage.ConnectionString,
                ["InstaIntel:Cluster:Port"] = "0",
                ["InstaIntel:Security:ApiKeyHashes:0"] = InstaIntel.Domain.Security.ApiKeySecret.Hash(ApiKey),
                // Each test node has its own vault key (tests of the key file itself set KeyFile).
                ["InstaIntel:Vault:Key"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
                // Test nodes run without the ONNX models (media analysis fails fast, the CPU stays free), which the AI
                // health check would rightly call unhealthy and stop story syncs for; tests of the monitor turn it on.
                ["InstaIntel:Health:Monitor:Enabled"] = "false",
            };
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
                values[key] = value;
            // A null value removes a default (e.g. the test API key, to see a node with none).
            builder.Configuration.AddInMemoryCollection(values.Where(pair => pair.Value is not null));
        }, afterServices: builder =>
        {
            // After the node's own logging set-up (which clears providers), so the capture sees every line.
            if (logs is not null) builder.Logging.AddProvider(logs);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new RunningNode(app, new Uri(address));
    }

    public async Task<T> ReadAsync<T>(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(Json)) ?? throw new InvalidOperationException("empty body");

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Anonymous.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
