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

    private readonly WebApplication _app;

    private RunningNode(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri Address { get; }
    public HttpClient Http { get; }
    public IServiceProvider Services => _app.Services;

    public static async Task<RunningNode> StartAsync(StorageOptions storage, IDictionary<string, string?>? settings = null)
    {
        var app = NodeApplication.Build(["--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddFilter(_ => false);
            var values = new Dictionary<string, string?>
            {
                ["InstaIntel:Storage:Engine"] = storage.Engine.ToString(),
                ["InstaIntel:Storage:ConnectionString"] = storage.ConnectionString,
                ["InstaIntel:Cluster:Port"] = "0",
            };
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
                values[key] = value;
            builder.Configuration.AddInMemoryCollection(values);
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
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
