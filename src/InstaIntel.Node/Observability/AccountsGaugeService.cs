using InstaIntel.Domain.Accounts;
using InstaIntel.Domain.Common;
using InstaIntel.Domain.Observability;
using InstaIntel.Storage.Accounts;
using Microsoft.Extensions.Options;

namespace InstaIntel.Node.Observability;

/// <summary>Bound from <c>InstaIntel:Observability</c>.</summary>
public sealed class AccountsGaugeOptions
{
    public const string Section = "InstaIntel:Observability";

    /// <summary>How often the node counts <c>instagram_accounts</c> by state for the <c>instaintel.accounts</c> gauge.</summary>
    public TimeSpan AccountsGaugeInterval { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>
/// Refreshes <see cref="InstaIntelMetrics.Accounts"/> from the table now and then, so a scrape never waits on the
/// database. Every state is reported, zeros included; while the database is away the last numbers stand.
/// </summary>
internal sealed class AccountsGaugeService(AccountRepository accounts, IOptions<AccountsGaugeOptions> options, ILogger<AccountsGaugeService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.AccountsGaugeInterval);
        do
        {
            try
            {
                var counts = await accounts.CountByStateAsync(stoppingToken);
                InstaIntelMetrics.SetAccountsByState(Enum.GetValues<ContinuousProcessingState>()
                    .ToDictionary(SeedString.Of, state => counts.GetValueOrDefault(state)));
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogDebug(ex, "Counting accounts for the gauge failed; keeping the last numbers");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
