using InstaIntel.Domain.Security;

namespace InstaIntel.Domain.Tests.Security;

public sealed class ApiKeySecretTests
{
    [Fact]
    public void Generated_keys_are_distinct_and_match_only_their_own_hash()
    {
        var first = ApiKeySecret.Generate();
        var second = ApiKeySecret.Generate();
        Assert.NotEqual(first, second);
        Assert.StartsWith("ii_", first);
        Assert.True(first.Length >= 40);

        var hashes = new[] { ApiKeySecret.Hash(first) };
        Assert.True(ApiKeySecret.Matches(first, hashes));
        Assert.False(ApiKeySecret.Matches(second, hashes));
        Assert.False(ApiKeySecret.Matches(first + " ", hashes));
        Assert.False(ApiKeySecret.Matches(first, []));
    }

    [Fact]
    public void The_hash_is_the_documented_sha256_form()
    {
        // printf 'abc' | sha256sum
        Assert.Equal("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiKeySecret.Hash("abc"));
    }
}
