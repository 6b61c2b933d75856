using Akka.Actor;
using Akka.Hosting;
using InstaIntel.Actors.Accounts;
using InstaIntel.Actors.Sessions;
using InstaIntel.Instagram.Browser;
using InstaIntel.Instagram.Client;
using InstaIntel.Instagram.Sessions;
using InstaIntel.Instagram.Transport;
using InstaIntel.Storage.Secrets;

namespace InstaIntel.Node.Hosting;

/// <summary>The node's Instagram side: the vault, the Chromium pool, the entity-backed request gate and the client.</summary>
public static class InstagramServices
{
    public static IServiceCollection AddInstaIntelInstagram(this IServiceCollection services, IConfiguration configuration)
    {
        var instagram = configuration.GetSection(InstagramOptions.Section).Get<InstagramOptions>() ?? new InstagramOptions();
        var browser = configuration.GetSection(BrowserOptions.Section).Get<BrowserOptions>() ?? new BrowserOptions();
        var vault = configuration.GetSection(VaultOptions.Section).Get<VaultOptions>() ?? new VaultOptions();
        browser.Validate();

        services.AddSingleton(instagram);
        services.AddSingleton(browser);
        // The key file is created on first use (0600); loading it lazily keeps one-shot commands from touching it.
        services.AddSingleton(_ => new SessionVault(VaultKey.LoadProtector(vault)));
        services.AddSingleton<AccountSessionStore>();
        services.AddSingleton(sp => new BrowserPool(sp.GetRequiredService<BrowserOptions>(), instagram.BaseUrl));
        services.AddSingleton<Func<CancellationToken, Task<IActorRef>>>(sp =>
        {
            var region = sp.GetRequiredService<IRequiredActor<AccountRegion>>();
            return cancellationToken => region.GetAsync(cancellationToken);
        });
        services.AddSingleton<IRequestGate>(sp => new AccountRequestGate(sp.GetRequiredService<Func<CancellationToken, Task<IActorRef>>>()));
        services.AddSingleton<IInstagramClient, PlaywrightInstagramClient>();
        services.AddSingleton<PlaywrightLogin>();
        services.AddSingleton<SessionImporter>();
        return services;
    }
}
