using System.Net;
using InstaIntel.Simulator.Accounts;
using InstaIntel.Simulator.Api;
using InstaIntel.Simulator.Faults;
using InstaIntel.Simulator.Media;
using InstaIntel.Simulator.Network;
using InstaIntel.Simulator.Recording;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace InstaIntel.Simulator.Hosting;

/// <summary>
/// A simulator running in-process on 127.0.0.1 with a free port, for tests: its base URL, the network's truth,
/// the request log and recorded writes, faults, sessions and the clock. Dispose to stop it.
/// </summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SimulatorState _state;

    private SimulatorHost(WebApplication app, Uri baseUrl)
    {
        _app = app;
        _state = app.Services.GetRequiredService<SimulatorState>();
        BaseUrl = baseUrl;
    }

    public static async Task<SimulatorHost> StartAsync(SimulatorOptions? options = null, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var app = SimulatorApplication.Build(["--urls", "http://127.0.0.1:0"], options ?? new SimulatorOptions(), time, builder =>
        {
            builder.Logging.ClearProviders();
        });
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new SimulatorHost(app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>E.g. http://127.0.0.1:41234/ (always with the trailing slash).</summary>
    public Uri BaseUrl { get; }

    public SimulatedNetwork Network => _state.Network;
    public SimulatorClock Clock => _state.Clock;
    public FaultPlan Faults => _state.Faults;
    public SessionStore Sessions => _state.Sessions;
    public MediaLibrary Media => _state.Media;
    public RequestLog RequestLog => _state.Requests;
    public InteractionState Interactions => _state.Interactions;
    public SimulatorOptions Options => _state.Options;

    public IReadOnlyList<SimulatorAccount> Accounts => _state.Credentials.Accounts;
    public SimProfile DemoAccount => Network.DemoAccount;

    public IReadOnlyList<RecordedRequest> Requests => _state.Requests.Snapshot();
    public IReadOnlyList<SentMessage> SentMessages => _state.Interactions.SentMessages;
    public IReadOnlyList<StoryReply> StoryReplies => _state.Interactions.StoryReplies;
    public IReadOnlyList<LikedMedia> Likes => _state.Interactions.Likes;
    public IReadOnlyList<PostedComment> Comments => _state.Interactions.Comments;
    public IReadOnlyList<SeenStory> SeenStories => _state.Interactions.SeenStories;
    public IReadOnlyList<LoginAttempt> Logins => _state.Interactions.Logins;

    /// <summary>The password an account (or, with the default pattern, a generated profile) logs in with.</summary>
    public string PasswordOf(string username) =>
        _state.Credentials.PasswordOf(username) ?? throw new KeyNotFoundException($"'{username}' cannot log in to this simulator");

    /// <summary>An HttpClient on the simulator with its own cookie jar and, by default, the web app's headers
    /// (X-IG-App-ID, X-Requested-With, Accept).</summary>
    public HttpClient CreateClient(bool webHeaders = true)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseCookies = true })
        {
            BaseAddress = BaseUrl,
            Timeout = TimeSpan.FromSeconds(60),
        };
        if (webHeaders)
        {
            client.DefaultRequestHeaders.Add(WebRequestFilter.AppIdHeader, Options.AppId);
            client.DefaultRequestHeaders.Add("X-Requested-With", "XMLHttpRequest");
            client.DefaultRequestHeaders.Add("Accept", "application/json");
        }
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
