using InstaIntel.Storage.Security;
using Microsoft.Extensions.Options;

namespace InstaIntel.Node.Security;

/// <summary>
/// On the very first start (no key in <c>api_keys</c>, none configured) creates the key <c>initial</c> and prints
/// it once on standard output, never into the logs. Later starts, and other nodes, find it and do nothing.
/// </summary>
internal sealed class FirstApiKeyService(ApiKeyRepository keys, IOptions<SecurityOptions> options, ILogger<FirstApiKeyService> log) : IHostedService
{
    public const string InitialKeyName = "initial";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.CreateFirstKey || options.Value.ApiKeyHashes.Length > 0)
            return;
        if ((await keys.ListAsync(cancellationToken)).Count > 0)
            return;
        try
        {
            var (_, key) = await keys.CreateAsync(InitialKeyName, cancellationToken);
            Console.Out.WriteLine($"InstaIntel: created the first API key '{InitialKeyName}'; it is shown only now: {key}");
            Console.Out.WriteLine("InstaIntel: send it as the X-Api-Key header; create more with `InstaIntel.Node api-key create <name>`.");
            log.LogWarning("Created the first API key '{Name}' (printed once on standard output)", InitialKeyName);
        }
        catch (InvalidOperationException)
        {
            // Another node created it at the same moment: that one printed it.
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
