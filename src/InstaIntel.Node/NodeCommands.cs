using InstaIntel.Node.Hosting;
using InstaIntel.Storage;
using InstaIntel.Storage.Migrations;

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
}
