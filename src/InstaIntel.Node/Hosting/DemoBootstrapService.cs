using Akka.Actor;
using Akka.Hosting;
using InstaIntel.Actors.Accounts;
using InstaIntel.Actors.Sessions;
using InstaIntel.Instagram.Client;
using InstaIntel.Instagram.Sessions;

namespace InstaIntel.Node.Hosting;

/// <summary>Bound from <c>InstaIntel:Demo</c>: what <c>./build.sh demo</c> sets up on the simulator.</summary>
public sealed class DemoOptions
{
    public const string Section = "InstaIntel:Demo";

    public bool Enabled { get; set; }
    public string Account { get; set; } = "demo_user";

    /// <summary>The simulator's documented demo password (never a real one).</summary>
    public string Password { get; set; } = "demo-password";
}

/// <summary>
/// For the demo only: once the node is up, makes sure the demo account exists and holds a live session, by logging in
/// to the simulator through its login page and importing the session like an admin would. Continuous processing
/// then starts on its own.
/// </summary>
internal sealed class DemoBootstrapService(
    DemoOptions options, IRequiredActor<AccountRegion> region, AccountSessionStore sessions, PlaywrightLogin login,
    SessionImporter importer, IHostApplicationLifetime lifetime, ILogger<DemoBootstrapService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled) return;
        await WhenStartedAsync(stoppingToken);
        try
        {
            var accounts = await region.GetAsync(stoppingToken);
            var reply = await accounts.Ask<IAccountReply>(new CreateAccount(options.Account), TimeSpan.FromSeconds(30), stoppingToken);
            log.LogInformation("Demo account {Account}: {Reply}", options.Account, reply is AccountAlreadyExists ? "already managed" : "created");
            if (await sessions.LoadAsync(options.Account, stoppingToken) is not null && reply is AccountAlreadyExists)
                return; // a previous demo run logged it in; the entity knows whether the session still works

            var bundle = await login.LogInAsync(options.Account, options.Account, options.Password, SessionBundle.Anonymous, stoppingToken);
            var result = await importer.ImportAsync(options.Account, bundle, stoppingToken);
            log.LogInformation("Demo account {Account} logged in to the simulator: {State}", options.Account, result.State);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            log.LogError(ex, "The demo account could not be set up; the node runs on without it");
        }
    }

    private Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(stoppingToken);
    }
}
