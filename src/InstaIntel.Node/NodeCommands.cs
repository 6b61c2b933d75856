using InstaIntel.Node.Hosting;
using InstaIntel.Storage;
using InstaIntel.Storage.Migrations;
using InstaIntel.Storage.Security;

namespace InstaIntel.Node;

/// <summary>One-shot commands of the node executable.</summary>
public static class NodeCommands
{
    public static async Task<int> MigrateAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        var storage = InstaIntelServices.BindStorage(builder.Configuration);
        try
        {
            var applied = await new SchemaMigrator(new InstaIntelDbFactory(storage)).MigrateAsync();
            Console.WriteLine(applied.Count == 0
                ? $"{storage.Engine}: schema is up to date"
                : $"{storage.Engine}: applied {string.Join(", ", applied.Select(m => $"{m.Version:D4}_{m.Name}"))}");
            return 0;
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"migrate failed on {storage.Engine}: {ex.GetType().Name}: {ex.Message}");
            return 1;
        }
    }

    /// <summary><c>api-key create &lt;name&gt;</c> | <c>api-key list</c> | <c>api-key revoke &lt;name&gt;</c>, straight against the database.</summary>
    public static async Task<int> ApiKeyAsync(string[] args)
    {
        const string usage = "usage: InstaIntel.Node api-key create <name> | list | revoke <name>";
        var verb = args.FirstOrDefault();
        var name = args.Skip(1).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args.Skip(1).ToArray(), ContentRootPath = AppContext.BaseDirectory });
        var storage = InstaIntelServices.BindStorage(builder.Configuration);
        var factory = new InstaIntelDbFactory(storage);
        try
        {
            await new SchemaMigrator(factory).MigrateAsync();
            var keys = new ApiKeyRepository(factory);
            switch (verb)
            {
                case "create" when name is not null:
                    var (_, key) = await keys.CreateAsync(name);
                    Console.WriteLine($"created API key '{name}'; it is shown only now:");
                    Console.WriteLine(key);
                    return 0;
                case "list":
                    foreach (var row in await keys.ListAsync())
                        Console.WriteLine($"{row.Name,-24} created {row.CreatedAt:u}  {(row.RevokedAt is { } at ? $"revoked {at:u}" : "active")}");
                    return 0;
                case "revoke" when name is not null:
                    if (await keys.RevokeAsync(name)) { Console.WriteLine($"revoked API key '{name}'"); return 0; }
                    Console.Error.WriteLine($"no active API key named '{name}'");
                    return 3;
                default:
                    Console.Error.WriteLine(usage);
                    return 2;
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            Console.Error.WriteLine($"api-key {verb} failed: {ex.Message}");
            return 1;
        }
    }
}
