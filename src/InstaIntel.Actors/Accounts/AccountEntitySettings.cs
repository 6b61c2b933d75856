namespace InstaIntel.Actors.Accounts;

/// <summary>Tuning of the account entity, bound from <c>InstaIntel:Accounts</c>.</summary>
public sealed class AccountEntitySettings
{
    public const string Section = "InstaIntel:Accounts";

    /// <summary>A snapshot every this many events keeps recovery short.</summary>
    public int SnapshotEvery { get; set; } = 50;

    /// <summary>An entity whose continuous processing is disabled stops after this long without messages (and is forgotten by remember-entities).</summary>
    public TimeSpan PassivateDisabledAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Delay before a failed <c>instagram_accounts</c> projection is tried again.</summary>
    public TimeSpan ProjectionRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Number of shards of the <c>account</c> region; keep it about ten times the largest node count.</summary>
    public int NumberOfShards { get; set; } = 100;

    /// <summary>How often an enabled account asks the coordinator whether a phase is due (a tick is cheap: no I/O).</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The coordinator's intervals, backoff and batch sizes (BEHAVIOUR.md §1), bound from <c>InstaIntel:ContinuousProcessing</c>.</summary>
    public Domain.Processing.ContinuousProcessingSettings Processing { get; set; } = new();

    /// <summary>Each account's Instagram request budget and daily caps (docs/instagram.md explains the defaults).</summary>
    public Domain.Budget.RequestBudgetSettings Budget { get; set; } = new();
}
