using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace InstaIntel.Storage.Tests.Support;

/// <summary>
/// Structural comparison that does not go through the JSON serializer (a property the serializer drops would be
/// missing on both sides of a serialized comparison): records and entities property by property, lists element
/// by element, dictionaries key by key, JSON nodes and elements by their JSON value.
/// </summary>
public static class DeepEqual
{
    public static List<string> Differences(object? expected, object? actual, string path = "")
    {
        var differences = new List<string>();
        Compare(expected, actual, path, differences);
        return differences;
    }

    private static void Compare(object? expected, object? actual, string path, List<string> differences)
    {
        if (expected is null || actual is null)
        {
            if (!(expected is null && actual is null)) differences.Add($"{path}: expected {Show(expected)}, got {Show(actual)}");
            return;
        }
        switch (expected)
        {
            case JsonNode node:
                if (!JsonNode.DeepEquals(node, actual as JsonNode)) differences.Add($"{path}: expected {node.ToJsonString()}, got {Show(actual)}");
                return;
            case JsonElement element:
                if (actual is not JsonElement other || !JsonElement.DeepEquals(element, other)) differences.Add($"{path}: expected {element.GetRawText()}, got {Show(actual)}");
                return;
            case string or DateTime or Enum or ValueType:
                if (!expected.Equals(actual)) differences.Add($"{path}: expected {Show(expected)}, got {Show(actual)}");
                return;
            case IDictionary dictionary:
                if (actual is not IDictionary otherDictionary) { differences.Add($"{path}: expected a dictionary, got {Show(actual)}"); return; }
                var keys = dictionary.Keys.Cast<object>().Select(k => k.ToString()!).Order().ToList();
                var otherKeys = otherDictionary.Keys.Cast<object>().Select(k => k.ToString()!).Order().ToList();
                if (!keys.SequenceEqual(otherKeys)) { differences.Add($"{path}: keys [{string.Join(", ", keys)}] became [{string.Join(", ", otherKeys)}]"); return; }
                foreach (var key in dictionary.Keys)
                    Compare(dictionary[key], otherDictionary[key], $"{path}[{key}]", differences);
                return;
            case IEnumerable sequence:
                if (actual is not IEnumerable otherSequence) { differences.Add($"{path}: expected a list, got {Show(actual)}"); return; }
                var items = sequence.Cast<object?>().ToList();
                var otherItems = otherSequence.Cast<object?>().ToList();
                if (items.Count != otherItems.Count) { differences.Add($"{path}: expected {items.Count} items, got {otherItems.Count}"); return; }
                for (var i = 0; i < items.Count; i++)
                    Compare(items[i], otherItems[i], $"{path}[{i}]", differences);
                return;
        }
        if (expected.GetType() != actual.GetType()) { differences.Add($"{path}: expected a {expected.GetType().Name}, got a {actual.GetType().Name}"); return; }
        foreach (var property in expected.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
            Compare(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}", differences);
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        DateTime d => d.ToString("O"),
        _ => value.ToString() ?? "",
    };
}
