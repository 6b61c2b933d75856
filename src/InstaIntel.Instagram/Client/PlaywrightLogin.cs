using InstaIntel.Instagram.Browser;
using InstaIntel.Instagram.Errors;
using InstaIntel.Instagram.Parsing;
using InstaIntel.Instagram.Sessions;
using InstaIntel.Instagram.Transport;
using Microsoft.Playwright;

namespace InstaIntel.Instagram.Client;

/// <summary>
/// Logs an account in the way a person does: opens the login page in the account's own context (its user agent
/// and proxy), types the credentials, submits, and captures the resulting cookies and local storage as a new
/// session bundle. Login is a UI flow, so it drives the page rather than the JSON API.
/// </summary>
public sealed class PlaywrightLogin(BrowserPool browsers, IRequestGate gate, InstagramOptions options)
{
    private const string LoginPath = "/accounts/login/";
    private const string LoginEndpoint = "/accounts/login/ajax";

    /// <param name="template">Carries the account's user agent, app id and proxy; its cookies are not used.</param>
    /// <exception cref="InvalidCredentialsException">Instagram answered that the password is wrong or the user unknown.</exception>
    /// <exception cref="ChallengeRequiredException">Instagram wants a checkpoint solved first.</exception>
    public async Task<SessionBundle> LogInAsync(string account, string username, string password, SessionBundle template, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(username);
        ArgumentException.ThrowIfNullOrEmpty(password);
        await gate.AcquireForSessionCheckAsync(account, cancellationToken);
        var blank = template with { Cookies = [], LocalStorage = [], SessionStorage = [] };
        try
        {
            try
            {
                return await LogInOnceAsync(account, username, password, template, blank, cancellationToken);
            }
            catch (Exception lost) when (!cancellationToken.IsCancellationRequested && (lost is PageNotOpenedException || ClosedTarget.Is(lost)))
            {
                // Chromium can leave a new-page call unanswered (Playwright sets no deadline on it), or drop the login
                // page or its context under load: one more try on a fresh context, as the client does when a context
                // closes under a read. A second login is harmless: it changes nothing but the session it returns.
                await browsers.ForgetAsync(account);
                return await LogInOnceAsync(account, username, password, template, blank, cancellationToken);
            }
        }
        catch (PageNotOpenedException notOpened)
        {
            throw new TransientException("login page: Chromium did not open a page in time", innerException: notOpened);
        }
        catch (TimeoutException timeout)
        {
            throw TransientException.Timeout(options.RequestTimeout, timeout);
        }
        catch (PlaywrightException failure) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransientException($"login page: {failure.Message.Split('\n', 2)[0].Trim()}", innerException: failure);
        }
        finally
        {
            // The anonymous context served its purpose; the next call opens one with the new session.
            await browsers.ForgetAsync(account);
        }
    }

    private sealed class PageNotOpenedException(TimeSpan waited) : Exception($"no page after {waited.TotalSeconds:0} s");

    private Task<SessionBundle> LogInOnceAsync(
        string account, string username, string password, SessionBundle template, SessionBundle blank, CancellationToken cancellationToken) =>
            browsers.UseAsync(account, blank, async context =>
            {
                IPage page;
                try
                {
                    page = await context.NewPageAsync().WaitAsync(options.RequestTimeout, cancellationToken);
                }
                catch (TimeoutException)
                {
                    throw new PageNotOpenedException(options.RequestTimeout);
                }
                try
                {
                    page.SetDefaultTimeout((float)options.RequestTimeout.TotalMilliseconds);
                    await page.GotoAsync(new Uri(options.BaseUrl, LoginPath).AbsoluteUri);
                    await page.FillAsync("input[name=username]", username);
                    await page.FillAsync("input[name=password]", password);
                    // The page leaves for the next URL as soon as the answer arrives, taking the body with it: the
                    // login call is fetched through a route so its answer is read before the page sees it.
                    var answered = new TaskCompletionSource<InstagramResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
                    await page.RouteAsync(url => url.Contains(LoginEndpoint, StringComparison.Ordinal), async route =>
                    {
                        if (route.Request.Method != "POST")
                        {
                            await route.ContinueAsync();
                            return;
                        }
                        try
                        {
                            var fetched = await route.FetchAsync(new RouteFetchOptions { MaxRedirects = 0 });
                            var text = await fetched.TextAsync();
                            var response = new InstagramResponse(fetched.Status,
                                fetched.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value), text, fetched.Url);
                            // Hand the answer to the page first: the caller closes the page as soon as it has the answer.
                            await route.FulfillAsync(new RouteFulfillOptions { Response = fetched, Body = text });
                            answered.TrySetResult(response);
                        }
                        catch (Exception failure)
                        {
                            if (answered.TrySetException(failure))
                            {
                                try { await route.AbortAsync(); }
                                catch (PlaywrightException) { /* the page is already gone */ }
                            }
                        }
                    });
                    await page.ClickAsync("button[type=submit]");
                    var answer = await answered.Task.WaitAsync(options.RequestTimeout, cancellationToken);
                    var body = answer.Body;
                    if (InstagramResponseClassifier.Classify(answer) is { } error)
                        throw error;
                    var result = ActionResultParser.ParseLogin(body);
                    if (!result.Authenticated)
                        throw new InvalidCredentialsException(result.UserExists);

                    var state = await context.StorageStateAsync();
                    var (cookies, local) = PlaywrightStorageState.Parse(state);
                    var bundle = template with { Cookies = cookies, LocalStorage = local, SessionStorage = [] };
                    if (!bundle.HasSession)
                        throw new MalformedResponseException("login result", "Set-Cookie", "authenticated without a sessionid cookie");
                    return bundle;
                }
                finally
                {
                    // Bounded for the same reason as opening: the context is dropped right after, whatever Chromium does.
                    try { await page.CloseAsync().WaitAsync(options.RequestTimeout, CancellationToken.None); }
                    catch (PlaywrightException) { /* closed with its context */ }
                    catch (TimeoutException) { /* the context is forgotten next, closing the page with it */ }
                }
            }, cancellationToken);
}
