using InstaIntel.Domain.Budget;

namespace InstaIntel.Actors.Processing;

/// <summary>
/// How a child paces its Instagram requests under the account's budget (<see cref="PacedRequests"/>); bound as the
/// <c>Pacing</c> section of the child's settings.
/// </summary>
public sealed class RequestPacingSettings
{
    /// <summary>
    /// The share of the account's request budget the phase paces at. The rest is headroom for requests outside the
    /// stream (an API action, a session check); the network between the node and Instagram is covered by the pacing
    /// itself (a request's turn counts from the end of the request a window back).
    /// </summary>
    public double BudgetShare { get; set; } = 0.98;

    /// <summary>Requests the throttle lets through at once after a quiet spell; 1 keeps every request evenly spaced.</summary>
    public int ThrottleBurst { get; set; } = 1;

    /// <summary>Findings held between the requests and the database writes (back-pressure beyond that).</summary>
    public int BufferSize { get; set; } = 16;

    /// <summary>
    /// Requests that may be under way at once, all under the one throttle and the window guard, so a slow answer does
    /// not hold back the next request's turn (independent requests only: reels, media, likes; a page that needs the
    /// last cursor waits for it). 1 by default: the Playwright client sends one request per account's browser context
    /// at a time, so a second one in flight only queues inside the client and reaches Instagram late, next to the one
    /// after it, which the margin would have to absorb.
    /// </summary>
    public int RequestsInFlight { get; set; } = 1;

    public RequestPacing For(RequestBudgetSettings budget) => RequestPacing.From(budget, BudgetShare, ThrottleBurst);

    /// <exception cref="ArgumentException">a value out of range; <paramref name="section"/> names it.</exception>
    public void Validate(string section)
    {
        if (BudgetShare is <= 0 or > 1) throw new ArgumentException($"{section}:Pacing:BudgetShare must be in (0, 1]");
        if (ThrottleBurst < 1) throw new ArgumentException($"{section}:Pacing:ThrottleBurst must be at least 1");
        if (BufferSize < 1) throw new ArgumentException($"{section}:Pacing:BufferSize must be at least 1");
        if (RequestsInFlight is < 1 or > 8) throw new ArgumentException($"{section}:Pacing:RequestsInFlight must be between 1 and 8");
    }
}
