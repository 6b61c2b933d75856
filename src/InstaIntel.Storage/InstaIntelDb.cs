using InstaIntel.Domain.Accounts;
using LinqToDB;
using LinqToDB.Data;

namespace InstaIntel.Storage;

/// <summary>A linq2db connection to the application database. Short-lived: open one per unit of work.</summary>
public sealed class InstaIntelDb(DataOptions options, DatabaseEngine engine) : DataConnection(options)
{
    public DatabaseEngine Engine { get; } = engine;

    public ITable<InstagramAccount> InstagramAccounts => this.GetTable<InstagramAccount>();
}
