using InstaIntel.Domain.Accounts;

namespace InstaIntel.Domain.Tests.Accounts;

public sealed class AccountUsernameTests
{
    [Theory]
    [InlineData("alice", "alice")]
    [InlineData("  @Alice.Smith_9 ", "alice.smith_9")]
    [InlineData("a", "a")]
    [InlineData("abcdefghijklmnopqrstuvwxyz1234", "abcdefghijklmnopqrstuvwxyz1234")]
    public void Valid_usernames_are_normalised_to_lower_case(string input, string expected)
    {
        Assert.True(AccountUsername.TryNormalize(input, out var username, out _));
        Assert.Equal(expected, username);
    }

    [Theory]
    [InlineData(null, "required")]
    [InlineData("", "required")]
    [InlineData("@", "required")]
    [InlineData("abcdefghijklmnopqrstuvwxyz12345", "longer than 30")]
    [InlineData("has space", "letters, digits")]
    [InlineData("émile", "letters, digits")]
    [InlineData("a/b", "letters, digits")]
    [InlineData(".alice", "'.'")]
    [InlineData("alice.", "'.'")]
    [InlineData("al..ice", "'..'")]
    public void Invalid_usernames_are_refused_with_a_reason(string? input, string reasonFragment)
    {
        Assert.False(AccountUsername.TryNormalize(input, out _, out var problem));
        Assert.Contains(reasonFragment, problem);
    }
}
