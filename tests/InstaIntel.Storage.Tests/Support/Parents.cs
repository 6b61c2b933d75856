using InstaIntel.Domain.Accounts;
using InstaIntel.Domain.Profiles;
using InstaIntel.Testing;
using LinqToDB;

namespace InstaIntel.Storage.Tests.Support;

/// <summary>The minimal parent rows repository tests hang their rows on.</summary>
public static class Parents
{
    public static async Task<long> AccountAsync(TestDatabase database, string username)
    {
        await using var db = database.Factory().Open();
        var now = DateTime.UtcNow;
        return await db.InsertWithInt64IdentityAsync(new InstagramAccount { Username = username, CreatedAt = now, UpdatedAt = now });
    }

    public static async Task<long> ProfileAsync(TestDatabase database, long accountId, string username)
    {
        await using var db = database.Factory().Open();
        var now = DateTime.UtcNow;
        return await db.InsertWithInt64IdentityAsync(new InstagramProfile { InstagramAccountId = accountId, Username = username, CreatedAt = now, UpdatedAt = now });
    }
}
