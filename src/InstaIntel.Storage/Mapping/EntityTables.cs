using InstaIntel.Domain.Accounts;

namespace InstaIntel.Storage.Mapping;

/// <summary>Which Domain type is stored in which seed table. Columns follow by convention (snake_case of the property).</summary>
public static class EntityTables
{
    public static IReadOnlyDictionary<Type, string> All { get; } = new Dictionary<Type, string>
    {
        [typeof(InstagramAccount)] = "instagram_accounts",
        [typeof(Domain.Security.ApiKey)] = "api_keys",
    };
}
