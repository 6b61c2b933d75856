using InstaIntel.Instagram.Transport;

namespace InstaIntel.Instagram.Tests.Transport;

public sealed class RetryAfterHeaderTests
{
    private static readonly DateTimeOffset Now = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("0", 0)]
    [InlineData(" 45 ", 45)]
    [InlineData("Wed, 01 May 2024 12:01:30 GMT", 90)]
    [InlineData("Wed, 01 May 2024 11:00:00 GMT", 0)] // a date in the past: no wait, not a negative one
    public void Seconds_and_dates_become_a_wait(string header, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryAfterHeader.Parse(header, Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-5")]
    [InlineData("later")]
    [InlineData("99999999999999999999")]
    public void Unreadable_values_are_no_wait(string? header)
    {
        Assert.Null(RetryAfterHeader.Parse(header, Now));
    }
}
