using InstaIntel.Domain.Common;

namespace InstaIntel.Domain.Security;

/// <summary>
/// <c>api_keys</c> (ours, not the seed's): a named key for the control and admin API. Only the key's SHA-256
/// hash is stored; the key itself is shown once when it is created.
/// </summary>
public sealed class ApiKey : IEntity
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string KeyHash { get; set; } = "";
    public DateTime? RevokedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
