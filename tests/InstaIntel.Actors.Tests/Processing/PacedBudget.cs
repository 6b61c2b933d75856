namespace InstaIntel.Actors.Tests.Processing;

/// <summary>
/// The budget the pacing tests hold the children to: a request every 250 ms (24 per 6 s), which two slow cores keep up
/// with, so the tests judge the pacing rather than the machine. The margin covers the jitter between a request
/// leaving the client and the simulator logging it; the stream gets the whole budget (nothing else calls Instagram for
/// the account in these tests), so it paces at 6 s / 6.3 s = 95 % of it.
/// </summary>
public static class PacedBudget
{
    public const int Requests = 24;
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(6);
    public static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(300);
    public const double Share = 1.0;
}
