using System.Net;

namespace InstaIntel.Simulator.Accounts;

/// <summary>
/// The login page: a plain form (works without JavaScript, posting username and password) whose script, like
/// Instagram's, posts enc_password to the ajax endpoint with the CSRF header and follows the answer.
/// </summary>
internal static class LoginPage
{
    public static string Html(string csrfToken, string appId, string? next, string? error)
    {
        var message = error switch
        {
            null or "" => "",
            "checkpoint" => "We need to confirm it's you.",
            _ => "Sorry, your password was incorrect. Please double-check your password.",
        };
        return $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Login • Instagram (simulator)</title>
            <style>
              body { font-family: sans-serif; background: #fafafa; display: flex; justify-content: center; padding-top: 80px; }
              form { background: #fff; border: 1px solid #dbdbdb; padding: 32px; width: 300px; display: flex; flex-direction: column; gap: 8px; }
              input { padding: 9px; border: 1px solid #dbdbdb; border-radius: 3px; }
              button { padding: 8px; background: #0095f6; color: #fff; border: 0; border-radius: 8px; font-weight: bold; }
              #slfErrorAlert { color: #ed4956; min-height: 1em; }
            </style></head>
            <body>
            <form id="loginForm" method="post" action="/api/v1/web/accounts/login/ajax/">
              <h1>Instagram</h1>
              <input type="hidden" name="csrfmiddlewaretoken" value="{{WebUtility.HtmlEncode(csrfToken)}}">
              <input type="hidden" name="next" value="{{WebUtility.HtmlEncode(next ?? "/")}}">
              <input name="username" type="text" aria-label="Phone number, username, or email" autocomplete="username" autocapitalize="off" maxlength="75">
              <input name="password" type="password" aria-label="Password" autocomplete="current-password">
              <button type="submit">Log in</button>
              <p id="slfErrorAlert" role="alert">{{WebUtility.HtmlEncode(message)}}</p>
            </form>
            <script>
            document.getElementById('loginForm').addEventListener('submit', async (event) => {
              event.preventDefault();
              const form = event.target;
              const csrf = (document.cookie.match(/(?:^|; )csrftoken=([^;]*)/) || [])[1] || '';
              const body = new URLSearchParams();
              body.set('username', form.username.value);
              body.set('enc_password', '#PWD_INSTAGRAM_BROWSER:0:' + Math.floor(Date.now() / 1000) + ':' + form.password.value);
              const response = await fetch(form.action, {
                method: 'POST', body, credentials: 'same-origin',
                headers: { 'X-CSRFToken': csrf, 'X-IG-App-ID': '{{appId}}', 'X-Requested-With': 'XMLHttpRequest', 'Accept': 'application/json' },
              });
              const answer = await response.json().catch(() => ({}));
              if (answer.authenticated) { window.location.assign(form.next.value || '/'); return; }
              if (answer.checkpoint_url) { window.location.assign(answer.checkpoint_url); return; }
              document.getElementById('slfErrorAlert').textContent =
                answer.user === false ? "The username you entered doesn't belong to an account." : 'Sorry, your password was incorrect. Please double-check your password.';
            });
            </script>
            </body>
            </html>
            """;
    }
}
