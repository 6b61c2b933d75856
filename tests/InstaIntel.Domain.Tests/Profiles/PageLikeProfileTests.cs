using InstaIntel.Domain.Profiles;

namespace InstaIntel.Domain.Tests.Profiles;

public sealed class PageLikeProfileTests
{
    [Fact]
    public void A_business_account_is_page_like()
    {
        Assert.Equal(PageLikeProfile.BusinessAccount, PageLikeProfile.Reason(true, "Photographer", []));
    }

    [Theory]
    [InlineData("News & Media Website")]
    [InlineData("Shopping & Retail store")]
    [InlineData("Product/Service")]
    [InlineData("Community Organization")]
    public void A_page_category_is_page_like_even_without_the_business_flag(string category)
    {
        Assert.Equal(PageLikeProfile.PageCategory, PageLikeProfile.Reason(null, category, []));
    }

    [Theory]
    [InlineData(false, null)]
    [InlineData(null, "Artist")]
    [InlineData(false, "Digital creator")]
    public void A_person_is_not_page_like(bool? business, string? category)
    {
        Assert.Null(PageLikeProfile.Reason(business, category, []));
    }

    [Theory]
    [InlineData("friend")]
    [InlineData(" Personal_User ")]
    [InlineData("relative")]
    public void A_profile_tagged_as_a_person_is_never_page_like(string tag)
    {
        Assert.Null(PageLikeProfile.Reason(true, "Media/News Company", [tag]));
    }
}
