using System.Text.Json;
using System.Text.Json.Serialization;

namespace InstaIntel.Domain.Common;

/// <summary>
/// Base of the typed JSON metadata contracts. Keys a contract does not declare are kept in
/// <see cref="AdditionalFields"/> and written back unchanged, so a row that passes through code that knows
/// an older (or narrower) shape never loses what newer code, or the anchor system, put there.
/// </summary>
public abstract record JsonContract : IJsonContract
{
    /// <summary>
    /// Undeclared keys, verbatim. A dictionary because System.Text.Json fills extension data by adding to it;
    /// treat it as read-only: set a declared property instead, or build a new dictionary.
    /// </summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalFields { get; init; }
}
