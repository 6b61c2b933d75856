using System.Collections;
using System.Reflection;

namespace InstaIntel.Cluster.Tests.Deployment;

/// <summary>
/// The settings a node binds: every settings class of the node's assemblies that declares its configuration
/// <c>Section</c>, walked property by property, so an environment variable can be checked against what the node reads.
/// </summary>
public sealed class NodeSettingsCatalog
{
    private readonly IReadOnlyList<(string[] Section, Type Type)> _sections;

    public NodeSettingsCatalog()
    {
        var assemblies = new[]
        {
            typeof(InstaIntel.Node.NodeApplication).Assembly,        // Node: security, health, observability, demo
            typeof(InstaIntel.Actors.Hosting.ClusterSettings).Assembly, // Actors: cluster, accounts, processing
            typeof(InstaIntel.Storage.StorageOptions).Assembly,          // Storage: engine, vault, blobs
            typeof(InstaIntel.Instagram.Transport.InstagramOptions).Assembly,
            typeof(InstaIntel.Domain.Processing.ContinuousProcessingSettings).Assembly,
        };
        _sections = assemblies.SelectMany(a => a.GetTypes())
            .Select(t => (Type: t, Field: t.GetField("Section", BindingFlags.Public | BindingFlags.Static)))
            .Where(x => x.Field is { IsLiteral: true } && x.Field.FieldType == typeof(string))
            .Select(x => (((string)x.Field!.GetRawConstantValue()!).Split(':'), x.Type))
            .ToList();
    }

    /// <summary>Why <paramref name="variable"/> (<c>InstaIntel__Cluster__SeedNodes__0</c>) names no setting, or null when it does.</summary>
    public string? Problem(string variable)
    {
        var path = variable.Split("__");
        var owner = _sections
            .Where(s => s.Section.Length <= path.Length && s.Section.Zip(path, (a, b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase)).All(same => same))
            .OrderByDescending(s => s.Section.Length)
            .FirstOrDefault();
        if (owner.Type is null) return $"{variable}: no settings class reads section {string.Join(':', path.Take(2))}";
        var type = owner.Type;
        foreach (var segment in path.Skip(owner.Section.Length))
        {
            var next = Step(type, segment);
            if (next is null) return $"{variable}: {type.Name} has no setting '{segment}'";
            type = next;
        }
        return IsLeaf(type) || Element(type) is not null ? null : $"{variable}: names the group {type.Name}, not a value";
    }

    private static Type? Step(Type type, string segment)
    {
        if (Element(type) is { } element)
            return int.TryParse(segment, out _) || IsDictionary(type) ? element : null;
        var property = type.GetProperty(segment, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        return property is { CanWrite: true } || property?.PropertyType is { IsClass: true } ? property?.PropertyType : null;
    }

    private static bool IsLeaf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(TimeSpan) || type == typeof(decimal)
               || type == typeof(DateTimeOffset) || type == typeof(Uri);
    }

    private static bool IsDictionary(Type type) =>
        type.IsGenericType && type.GetInterfaces().Append(type).Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>) || i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>));

    /// <summary>The element (or dictionary value) type of a collection setting; null for anything else.</summary>
    private static Type? Element(Type type)
    {
        if (type == typeof(string)) return null;
        if (type.IsArray) return type.GetElementType();
        if (!typeof(IEnumerable).IsAssignableFrom(type) || !type.IsGenericType) return null;
        var arguments = type.GetGenericArguments();
        return arguments.Length == 2 ? arguments[1] : arguments[0];
    }
}
