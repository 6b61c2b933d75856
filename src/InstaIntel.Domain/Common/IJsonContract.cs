namespace InstaIntel.Domain.Common;

/// <summary>
/// Marks a record stored as one JSON column (jsonb on PostgreSQL, text on SQLite): the seed's metadata
/// contracts. Readers must tolerate keys they do not know, writers keep the seed's snake_case names.
/// </summary>
public interface IJsonContract;
