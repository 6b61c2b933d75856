using InstaIntel.Domain.Accounts;
using InstaIntel.Domain.Common;

namespace InstaIntel.Domain.Tests.Common;

public sealed class SeedStringTests
{
    [Theory]
    [InlineData("ContinuousProcessingState", "continuous_processing_state")]
    [InlineData("Id", "id")]
    [InlineData("IgUserId", "ig_user_id")]
    [InlineData("ContinuousProcessingNextStorySyncAt", "continuous_processing_next_story_sync_at")]
    [InlineData("AiAnalysisId", "ai_analysis_id")]
    [InlineData("HTTPStatus", "http_status")]
    [InlineData("Sha256Key", "sha256_key")]
    public void Pascal_case_becomes_the_seed_snake_case(string pascal, string snake) =>
        Assert.Equal(snake, SeedString.SnakeCase(pascal));

    [Fact]
    public void Enum_members_persist_as_the_seed_strings_and_parse_back()
    {
        Assert.Equal("not_authenticated", SeedString.Of(LoginState.NotAuthenticated));
        Assert.Equal("paused", SeedString.Of(ContinuousProcessingState.Paused));
        Assert.Equal(WorkKind.FollowGraphSync, SeedString.Parse<WorkKind>("follow_graph_sync"));
    }

    [Fact]
    public void An_unknown_seed_string_is_refused()
    {
        Assert.Throws<FormatException>(() => SeedString.Parse<LoginState>("Authenticated"));
        Assert.False(SeedString.TryParse<LoginState>("logged_in", out _));
    }
}
