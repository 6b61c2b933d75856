using InstaIntel.Domain.Analysis;

namespace InstaIntel.Domain.Tests.Analysis;

public sealed class AiHealthVerdictTests
{
    private static readonly DateTime At = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);
    private static readonly string[] Purposes = ["media_understanding", "text_generation"];

    private static ProviderHealth Local(bool healthy) =>
        new("local", ["media_understanding", "text_generation"], new AiHealthResult(healthy, healthy ? "7 models verified" : "model 'ocr-detector' not found"));

    private static ProviderHealth Ollama(bool healthy) =>
        new("ollama", ["text_generation"], new AiHealthResult(healthy, healthy ? "answered 200" : "unreachable: connection refused"));

    [Fact]
    public void A_failing_fallback_provider_leaves_the_node_healthy_while_another_serves_each_purpose()
    {
        var verdict = AiHealthVerdict.Decide([Ollama(false), Local(true)], Purposes, At);

        Assert.True(verdict.Healthy, verdict.Detail);
        Assert.Equal("media_understanding by local; text_generation by local", verdict.Detail);
        Assert.Equal(At, verdict.CheckedAt);
    }

    [Fact]
    public void Missing_local_models_make_the_node_unhealthy_even_with_a_healthy_chat_provider()
    {
        var verdict = AiHealthVerdict.Decide([Ollama(true), Local(false)], Purposes, At);

        Assert.False(verdict.Healthy);
        Assert.Equal("no healthy provider for media_understanding (local: model 'ocr-detector' not found)", verdict.Detail);
    }

    [Fact]
    public void A_purpose_no_enabled_provider_serves_is_unhealthy()
    {
        var verdict = AiHealthVerdict.Decide([Ollama(true)], Purposes, At);

        Assert.False(verdict.Healthy);
        Assert.Equal("no enabled provider serves media_understanding", verdict.Detail);
    }

    [Fact]
    public void Before_the_first_check_work_goes_on() => Assert.True(AiHealthVerdict.NotChecked.Healthy);
}
