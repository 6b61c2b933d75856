namespace InstaIntel.Actors.Tests.Processing;

/// <summary>
/// The budget the pacing tests hold the children to: a request every 300 ms (40 per 12 s), which two slow cores keep up
/// with one request at a time, so the tests judge the pacing rather than the machine. The margin covers the jitter
/// between a request leaving the client and the simulator logging it (300 ms was seen to be too little on a busy
/// machine); the stream gets the whole budget (nothing else calls Instagram for the account in these tests), so it
/// paces at 12 s / 12.6 s = 95 % of it.
/// </summary>
public static class PacedBudget
{
    public const int Requests = 40;
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(12);
    public static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(600);
    public const double Share = 1.0;
}

/// <summary>
/// The classes whose tests judge budget use from the simulator's log: they run alone, not next to other test classes
/// of this assembly competing for the same two cores, so a slow answer is the exception the 5 % slack absorbs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PacedCollection
{
    public const string Name = "paced requests";
}
