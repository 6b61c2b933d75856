namespace InstaIntel.Storage;

/// <summary>Recognises a unique-constraint violation from either engine.</summary>
public static class UniqueViolation
{
    public static bool Is(Exception exception) => exception switch
    {
        Npgsql.PostgresException pg => pg.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        // SQLITE_CONSTRAINT (19) with the extended code SQLITE_CONSTRAINT_UNIQUE (2067) or _PRIMARYKEY (1555).
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        { InnerException: { } inner } => Is(inner),
        _ => false,
    };
}
