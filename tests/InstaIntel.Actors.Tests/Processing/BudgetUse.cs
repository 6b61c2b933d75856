using InstaIntel.Domain.Budget;
using InstaIntel.Simulator.Recording;

namespace InstaIntel.Actors.Tests.Processing;

/// <summary>
/// Judges an account's requests, as the simulator logged them on arrival, against its budget: no window of the
/// budget's length holds more than the budget, and while work was pending (from the first request to the last) the
/// budget was used.
/// </summary>
public static class BudgetUse
{
    /// <summary>The share of the budget the full windows must use (the acceptance's 90 %).</summary>
    public const double MinimumUse = 0.9;

    /// <param name="minFullWindows">how many full windows the work must span for the use to mean anything.</param>
    public static void AssertWithinAndUsed(IReadOnlyList<RecordedRequest> requests, RequestBudgetSettings budget, int minFullWindows = 2)
    {
        var times = requests.Select(r => r.Time).Order().ToList();
        Assert.True(times.Count > budget.RequestsPerWindow, $"only {times.Count} requests");
        var log = string.Join("\n", requests.OrderBy(r => r.Time).Select(r => $"{r.Time:HH:mm:ss.fff} {r.Method} {r.PathAndQuery}"));

        // Sliding: every window that starts at a request (the fullest windows start at one).
        for (var i = 0; i < times.Count; i++)
        {
            var inWindow = times.Skip(i).TakeWhile(t => t < times[i] + budget.Window).Count();
            Assert.True(inWindow <= budget.RequestsPerWindow,
                $"{inWindow} requests in the {budget.Window.TotalSeconds:F0} s from {times[i]:HH:mm:ss.fff}, budget {budget.RequestsPerWindow}:\n{log}");
        }

        // Use: the windows back to back from the first request, the last partial one left out (the work ran out in it).
        var fullWindows = (int)Math.Floor((times[^1] - times[0]) / budget.Window);
        Assert.True(fullWindows >= minFullWindows, $"the work spanned {fullWindows} full windows, fewer than {minFullWindows}:\n{log}");
        var perWindow = Enumerable.Range(0, fullWindows)
            .Select(w => times.Count(t => t >= times[0] + w * budget.Window && t < times[0] + (w + 1) * budget.Window))
            .ToList();
        var used = perWindow.Sum() / (double)(fullWindows * budget.RequestsPerWindow);
        Assert.True(used >= MinimumUse,
            $"{used:P1} of the budget used over {fullWindows} full windows (requests per window: {string.Join(", ", perWindow)}):\n{log}");
    }
}
