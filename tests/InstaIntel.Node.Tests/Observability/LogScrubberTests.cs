using InstaIntel.Node.Observability;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace InstaIntel.Node.Tests.Observability;

public sealed class LogScrubberTests
{
    private const string SessionId = "4012345678%3AAbCdEfGh%3A12%3AAYfake";
    private const string ApiKey = "ii_k3yMaterialThatMustNeverAppear_x9";

    [Theory]
    [InlineData("Cookie: sessionid=" + SessionId + "; csrftoken=abc123", SessionId)]
    [InlineData("cookies sessionid=" + SessionId + "&next=/", SessionId)]
    [InlineData("request had X-Api-Key: " + ApiKey, ApiKey)]
    [InlineData("key " + ApiKey + " accepted", ApiKey)]
    [InlineData("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.signature", "eyJhbGciOiJIUzI1NiJ9.payload.signature")]
    [InlineData("[{\"name\":\"sessionid\",\"value\":\"" + SessionId + "\",\"domain\":\".instagram.com\"}]", SessionId)]
    [InlineData("{\"password\":\"hunter2-secret\"}", "hunter2-secret")]
    [InlineData("proxy http://user:pw@proxy?password=s3cr3tpass", "s3cr3tpass")]
    public void Secrets_are_masked(string text, string secret)
    {
        var scrubbed = LogScrubber.Scrub(text);
        Assert.DoesNotContain(secret, scrubbed);
        Assert.Contains(LogScrubber.Mask, scrubbed);
    }

    [Theory]
    [InlineData("Account alice paused: travel")]
    [InlineData("GET /api/accounts/alice/session/export answered 200 in 12 ms")]
    [InlineData("{\"name\":\"sessionid\",\"domain\":\".instagram.com\"}")]
    public void Ordinary_text_is_left_alone(string text) => Assert.Equal(text, LogScrubber.Scrub(text));

    [Fact]
    public void Every_part_of_an_event_is_scrubbed_before_it_is_written()
    {
        var written = new StringWriter();
        using (var logger = new LoggerConfiguration()
                   .MinimumLevel.Verbose()
                   .WriteTo.Sink(new LogScrubbingSink(new FormattedSink(written)))
                   .CreateLogger())
        {
            // The classic mistakes: an interpolated template, a secret as a value, a secret-named property,
            // a cookie object logged structured, and an exception that quotes a header.
#pragma warning disable CA2254, Serilog004
            logger.Information($"imported Cookie: sessionid={SessionId}");
#pragma warning restore CA2254, Serilog004
            logger.Information("header was {Header}", "X-Api-Key: " + ApiKey);
            logger.Information("created {ApiKey}", ApiKey);
            logger.Information("stored {@Cookie}", new SessionCookie("sessionid", SessionId));
            logger.Error(new InvalidOperationException("upstream refused Authorization: Bearer " + ApiKey), "request failed");
        }

        var output = written.ToString();
        Assert.Equal(5, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain(SessionId, output);
        Assert.DoesNotContain(ApiKey, output);
        Assert.DoesNotContain("k3yMaterial", output);
        Assert.Contains("InvalidOperationException", output); // the exception's type and stack survive
        Assert.Contains("request failed", output);
    }

    private sealed record SessionCookie(string Name, string Value);

    private sealed class FormattedSink(TextWriter output) : ILogEventSink
    {
        private readonly RenderedCompactJsonFormatter _formatter = new();

        public void Emit(LogEvent logEvent) => _formatter.Format(logEvent, output);
    }
}
