using System.Net;
using System.Text;

namespace InstaIntel.Cli.Tests;

/// <summary>A node that answers every request with one canned response, and remembers what it was asked.</summary>
public sealed class StubNode(HttpStatusCode status, string body, string contentType = "application/json") : HttpMessageHandler
{
    public List<HttpRequestMessage> Requests { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, contentType) });
    }

    public static StubNode Problem(HttpStatusCode status, string title, string detail) =>
        new(status, $"{{\"type\":\"about:blank\",\"title\":\"{title}\",\"status\":{(int)status},\"detail\":\"{detail}\"}}", "application/problem+json");
}
