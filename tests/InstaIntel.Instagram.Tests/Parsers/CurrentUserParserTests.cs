using InstaIntel.Instagram.Contracts;
using InstaIntel.Instagram.Errors;
using InstaIntel.Instagram.Parsing;

namespace InstaIntel.Instagram.Tests.Parsers;

// Shape from docs/instagram-endpoints.md (accounts/current_user/?edit=true).
public sealed class CurrentUserParserTests
{
    [Fact]
    public void Current_user_reads_pk_as_number_or_string()
    {
        Assert.Equal(new CurrentUser("819693525", "me.myself", "Me", "https://cdn/me.jpg", false),
            CurrentUserParser.Parse("""{"user":{"pk":819693525,"username":"me.myself","full_name":"Me","profile_pic_url":"https://cdn/me.jpg","is_private":false,"email":"x@y"},"status":"ok"}"""));
        Assert.Equal("819693525", CurrentUserParser.Parse("""{"user":{"pk":"819693525","username":"me.myself"},"status":"ok"}""").Id);
    }

    [Fact]
    public void A_logged_out_answer_is_authentication_required_even_with_status_200()
    {
        var error = Assert.Throws<AuthenticationRequiredException>(() => CurrentUserParser.Parse("""{"message":"login_required","status":"fail"}"""));
        Assert.Equal("login_required", error.Reason);
    }
}
