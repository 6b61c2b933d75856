namespace InstaIntel.Storage.Schema;

/// <summary>Logical column types; each engine renders its own physical type.</summary>
public enum ColumnType
{
    /// <summary>Short text (the seed's <c>str</c>).</summary>
    String,
    /// <summary>Long text.</summary>
    Text,
    Integer,
    BigInt,
    Float,
    Boolean,
    Timestamp,
    /// <summary>jsonb on PostgreSQL, text on SQLite.</summary>
    Json,
}
