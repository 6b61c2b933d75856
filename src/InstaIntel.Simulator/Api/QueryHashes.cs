namespace InstaIntel.Simulator.Api;

/// <summary>The GraphQL query_hash values of docs/instagram-endpoints.md.</summary>
public static class QueryHashes
{
    public const string Followers = "c76146de99bb02f6415203be841dd25a";
    public const string Following = "d04b0a864b4b54837c0d870b0e77e076";
    public const string ReelsMedia = "de8017ee0a7c9c45ec4260733d81ea31";
    public const string ReelAndChaining = "d4d88dc1500312af6f937f7b804c68c3";
    public const string ShortcodeMedia = "b3055c01b4b222b8a47dc12b090e4e64";
    public const string ProfilePosts = "e769aa130647d2354c40ea6a439bfc08";
    public const string PostComments = "bc3296d1ce80a24b1b6e40b1e72903f5";
}
