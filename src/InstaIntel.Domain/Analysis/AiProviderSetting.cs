using System.Text.Json.Nodes;
using InstaIntel.Domain.Common;

namespace InstaIntel.Domain.Analysis;

/// <summary><c>ai_provider_settings</c>: one row per provider (unique), node-wide; lower priority is preferred.</summary>
public sealed class AiProviderSetting : IEntity
{
    public long Id { get; set; }
    public string Provider { get; set; } = "";
    public bool Enabled { get; set; }
    public int Priority { get; set; } = 100;
    /// <summary>Provider-specific: daily_limit, model, base URL, ...</summary>
    public JsonObject? Config { get; set; }
    /// <summary>Encrypted by the vault before it is stored; never a raw key.</summary>
    public string? ApiKey { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
