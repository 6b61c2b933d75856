using InstaIntel.Domain.Security;
using LinqToDB;
using LinqToDB.Async;

namespace InstaIntel.Storage.Security;

/// <summary><c>api_keys</c>: creates keys (returning the key once), lists and revokes them.</summary>
public sealed class ApiKeyRepository(InstaIntelDbFactory factory)
{
    /// <returns>the stored row and the key itself, which is not kept anywhere.</returns>
    /// <exception cref="InvalidOperationException">a key with that name exists.</exception>
    public async Task<(ApiKey Row, string Key)> CreateAsync(string name, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
            throw new ArgumentException("an API key needs a name of 1 to 100 characters", nameof(name));
        var key = ApiKeySecret.Generate();
        var now = DateTime.UtcNow;
        var row = new ApiKey { Name = name.Trim(), KeyHash = ApiKeySecret.Hash(key), CreatedAt = now, UpdatedAt = now };
        await using var db = factory.Open();
        try
        {
            row.Id = await db.InsertWithInt64IdentityAsync(row, token: cancellationToken);
        }
        catch (Exception ex) when (UniqueViolation.Is(ex))
        {
            throw new InvalidOperationException($"an API key named '{row.Name}' already exists", ex);
        }
        return (row, key);
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await db.GetTable<ApiKey>().OrderBy(k => k.Id).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<string>> ActiveHashesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        return await db.GetTable<ApiKey>().Where(k => k.RevokedAt == null).Select(k => k.KeyHash).ToListAsync(cancellationToken);
    }

    /// <returns>false when no active key has that name.</returns>
    public async Task<bool> RevokeAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var db = factory.Open();
        var now = DateTime.UtcNow;
        return await db.GetTable<ApiKey>()
            .Where(k => k.Name == name && k.RevokedAt == null)
            .Set(k => k.RevokedAt, now)
            .Set(k => k.UpdatedAt, now)
            .UpdateAsync(cancellationToken) > 0;
    }
}
