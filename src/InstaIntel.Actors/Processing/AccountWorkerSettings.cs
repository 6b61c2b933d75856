using InstaIntel.Domain.Budget;

namespace InstaIntel.Actors.Processing;

/// <summary>Settings of the account's children, bound from <c>InstaIntel:Processing</c> (the budget comes from the account settings).</summary>
public sealed class AccountWorkerSettings
{
    public const string Section = "InstaIntel:Processing";

    /// <summary>A running child tells its entity it is alive this often (well inside the 15-minute stale limit).</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(30);

    public StoryIngestionSettings Stories { get; set; } = new();

    public FeedEngagementSettings Feed { get; set; } = new();

    public MediaAnalysisSettings Media { get; set; } = new();

    /// <summary>Filled from <c>InstaIntel:Accounts:Budget</c>: the children's streams are throttled to it.</summary>
    public RequestBudgetSettings Budget { get; set; } = new();
}
