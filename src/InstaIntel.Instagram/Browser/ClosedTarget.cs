using Microsoft.Playwright;

namespace InstaIntel.Instagram.Browser;

/// <summary>
/// Whether a Playwright error means the page, its browser context or Chromium went away under the call (a crash, a
/// restart, Chromium dropping a context under load), so the call is worth one more try on a fresh context.
/// </summary>
public static class ClosedTarget
{
    public static bool Is(Exception error) => error is PlaywrightException playwright
        // Playwright's class for these errors is internal to it: "Target page, context or browser has been closed",
        // "Request context disposed." and the like.
        && (playwright.GetType().Name == "TargetClosedException"
            || playwright.Message.Contains("has been closed", StringComparison.Ordinal));
}
