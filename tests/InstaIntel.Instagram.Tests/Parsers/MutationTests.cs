using System.Text.Json.Nodes;
using InstaIntel.Instagram.Errors;

namespace InstaIntel.Instagram.Tests.Parsers;

/// <summary>
/// Every captured fixture, mutated at many places (a field removed, or replaced by a value of another type): a
/// parser may accept the result or reject it, but only with an <see cref="InstagramException"/>.
/// </summary>
public sealed class MutationTests
{
    private const int MutantsPerFixture = 600;

    private static readonly (string Name, Func<JsonNode?> Value)[] Replacements =
    [
        ("removed", () => null),
        ("null", () => JsonValue.Create((string?)null)),
        ("number", () => JsonValue.Create(7)),
        ("negative", () => JsonValue.Create(-1)),
        ("huge", () => JsonValue.Create(1e300)),
        ("fraction", () => JsonValue.Create(0.5)),
        ("string", () => JsonValue.Create("x")),
        ("empty string", () => JsonValue.Create("")),
        ("true", () => JsonValue.Create(true)),
        ("array", () => new JsonArray()),
        ("object", () => new JsonObject()),
    ];

    [Theory]
    [MemberData(nameof(ParserTable.FixturesWithParsers), MemberType = typeof(ParserTable))]
    public void No_mutation_of_a_fixture_crashes_its_parser(string fixture, string parser)
    {
        var original = JsonNode.Parse(InstagramFixtures.Read(fixture))!;
        var locations = new List<object[]>();
        Collect(original, [], locations);
        // Every location near the root, an even sample of the deeper ones.
        var shallow = locations.Where(path => path.Length <= 4).ToList();
        var deep = locations.Where(path => path.Length > 4).ToList();
        var budget = Math.Max(0, MutantsPerFixture / Replacements.Length - shallow.Count);
        var step = Math.Max(1, deep.Count / Math.Max(1, budget));
        var chosen = shallow.Concat(deep.Where((_, index) => index % step == 0)).ToList();

        var tried = 0;
        foreach (var path in chosen)
        {
            foreach (var (name, value) in Replacements)
            {
                var mutant = original.DeepClone();
                Replace(mutant, path, name == "removed", value());
                var body = mutant.ToJsonString();
                var error = Record.Exception(() => ParserTable.All[parser](body));
                Assert.True(error is null or InstagramException,
                    $"{fixture} with {string.Join('.', path)} {name}: {error?.GetType().Name}: {error?.Message}");
                // The readers name the path themselves; InstagramJson's catch-all is a net, not the mechanism.
                Assert.False(error is MalformedResponseException { InnerException: not null },
                    $"{fixture} with {string.Join('.', path)} {name} fell through to the safety net: {error?.InnerException?.GetType().Name}");
                tried++;
            }
        }
        Assert.True(tried >= Replacements.Length * 10, $"only {tried} mutants of {fixture}");
    }

    private static void Collect(JsonNode? node, object[] path, List<object[]> into)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    object[] childPath = [.. path, key];
                    into.Add(childPath);
                    Collect(child, childPath, into);
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    object[] childPath = [.. path, i];
                    into.Add(childPath);
                    Collect(array[i], childPath, into);
                }
                break;
        }
    }

    private static void Replace(JsonNode root, object[] path, bool remove, JsonNode? value)
    {
        var parent = root;
        foreach (var segment in path[..^1])
            parent = segment is int index ? parent!.AsArray()[index]! : parent!.AsObject()[(string)segment]!;
        switch (path[^1], parent)
        {
            case (string key, JsonObject obj):
                if (remove) obj.Remove(key);
                else obj[key] = value;
                break;
            case (int index, JsonArray array):
                if (remove) array.RemoveAt(index);
                else array[index] = value;
                break;
        }
    }
}
