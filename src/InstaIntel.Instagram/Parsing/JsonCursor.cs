using System.Globalization;
using System.Text.Json;
using InstaIntel.Instagram.Errors;

namespace InstaIntel.Instagram.Parsing;

/// <summary>
/// A JSON value and where it sits (<c>$.data.user.edges[2].node</c>). Every accessor either returns a value of the
/// asked type, null for "absent" (missing or JSON null), or throws <see cref="MalformedResponseException"/> naming the
/// path: parsers written with it cannot fail with KeyNotFound, InvalidOperation or NullReference.
/// </summary>
internal readonly struct JsonCursor(JsonElement element, string path, string subject)
{
    private readonly JsonElement _element = element;

    public string Path { get; } = path;
    public string Subject { get; } = subject;
    public JsonValueKind Kind => _element.ValueKind;

    public MalformedResponseException Malformed(string problem) => new(Subject, Path, problem);

    public JsonCursor RequireObject()
    {
        if (Kind != JsonValueKind.Object) throw Malformed($"expected an object, found {Describe(Kind)}");
        return this;
    }

    public bool Has(string name) => Optional(name) is not null;

    /// <summary>The property, or null when it is missing or JSON null.</summary>
    public JsonCursor? Optional(string name)
    {
        RequireObject();
        if (!_element.TryGetProperty(name, out var value) || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            return null;
        return new JsonCursor(value, $"{Path}.{name}", Subject);
    }

    public JsonCursor Required(string name) =>
        Optional(name) ?? throw new MalformedResponseException(Subject, $"{Path}.{name}", "missing");

    public JsonCursor Object(string name) => Required(name).RequireObject();

    public JsonCursor? OptionalObject(string name) => Optional(name)?.RequireObject();

    public IReadOnlyList<JsonCursor> Array(string name) => Required(name).Elements();

    /// <summary>The array's elements; empty when the property is missing or null.</summary>
    public IReadOnlyList<JsonCursor> OptionalArray(string name) => Optional(name)?.Elements() ?? [];

    public IReadOnlyList<JsonCursor> Elements()
    {
        if (Kind != JsonValueKind.Array) throw Malformed($"expected an array, found {Describe(Kind)}");
        var items = new List<JsonCursor>(_element.GetArrayLength());
        var index = 0;
        foreach (var item in _element.EnumerateArray())
            items.Add(new JsonCursor(item, $"{Path}[{index++}]", Subject));
        return items;
    }

    public IEnumerable<(string Name, JsonCursor Value)> Properties()
    {
        RequireObject();
        var properties = new List<(string, JsonCursor)>();
        foreach (var property in _element.EnumerateObject())
            properties.Add((property.Name, new JsonCursor(property.Value, $"{Path}.{property.Name}", Subject)));
        return properties;
    }

    /// <summary>A string that must be present and non-empty.</summary>
    public string String(string name) =>
        OptionalString(name) is { Length: > 0 } text ? text : throw new MalformedResponseException(Subject, $"{Path}.{name}", "missing or empty");

    public string? OptionalString(string name)
    {
        if (Optional(name) is not { } value) return null;
        return value.Kind == JsonValueKind.String ? value._element.GetString() : throw value.Malformed($"expected a string, found {Describe(value.Kind)}");
    }

    /// <summary>The first present of <paramref name="names"/> as an id: Instagram sends ids as strings or as numbers beyond 2^53.</summary>
    public string Id(params string[] names) =>
        OptionalId(names) ?? throw new MalformedResponseException(Subject, $"{Path}.{names[0]}", "missing id");

    public string? OptionalId(params string[] names)
    {
        foreach (var name in names)
        {
            if (Optional(name) is { } value) return value.AsId();
        }
        return null;
    }

    /// <summary>A pagination cursor: a non-empty string or a number; "" means none.</summary>
    public string? Cursor(string name)
    {
        if (Optional(name) is not { } value) return null;
        return value.Kind switch
        {
            JsonValueKind.String => value._element.GetString() is { Length: > 0 } text ? text : null,
            JsonValueKind.Number => value._element.GetRawText(),
            _ => throw value.Malformed($"expected a cursor, found {Describe(value.Kind)}"),
        };
    }

    public long? Long(string name)
    {
        if (Optional(name) is not { } value) return null;
        if (value.Kind == JsonValueKind.Number && value._element.TryGetInt64(out var number)) return number;
        if (value.Kind == JsonValueKind.String && long.TryParse(value._element.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)) return parsed;
        throw value.Malformed($"expected an integer, found {Describe(value.Kind)}");
    }

    public int? Int(string name)
    {
        if (Long(name) is not { } number) return null;
        if (number is < int.MinValue or > int.MaxValue) throw new MalformedResponseException(Subject, $"{Path}.{name}", "out of range");
        return (int)number;
    }

    /// <summary>A count; Instagram sends -1 for a hidden one, which is "unknown" here.</summary>
    public long? Count(string name)
    {
        var count = Long(name);
        return count >= 0 ? count : null;
    }

    /// <summary>The <c>count</c> of an edge object such as <c>edge_followed_by: {count}</c>.</summary>
    public long? EdgeCount(string edgeName) => OptionalObject(edgeName)?.Count("count");

    public double? Double(string name)
    {
        if (Optional(name) is not { } value) return null;
        if (value.Kind == JsonValueKind.Number && value._element.TryGetDouble(out var number) && double.IsFinite(number)) return number;
        if (value.Kind == JsonValueKind.String && double.TryParse(value._element.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed)) return parsed;
        throw value.Malformed($"expected a number, found {Describe(value.Kind)}");
    }

    public bool? Bool(string name)
    {
        if (Optional(name) is not { } value) return null;
        return value.Kind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw value.Malformed($"expected true or false, found {Describe(value.Kind)}"),
        };
    }

    /// <summary>A unix timestamp in seconds, milliseconds or microseconds (see <see cref="UnixTime"/>).</summary>
    public DateTimeOffset? Time(string name)
    {
        if (Optional(name) is not { } value) return null;
        try
        {
            if (value.Kind == JsonValueKind.Number)
                return value._element.TryGetInt64(out var whole) ? UnixTime.From(whole) : UnixTime.From(value._element.GetDouble());
            if (value.Kind == JsonValueKind.String)
            {
                var text = value._element.GetString();
                if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var wholeText)) return UnixTime.From(wholeText);
                if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var fraction)) return UnixTime.From(fraction);
            }
        }
        catch (ArgumentOutOfRangeException)
        {
            throw value.Malformed("timestamp out of range");
        }
        throw value.Malformed($"expected a unix timestamp, found {Describe(value.Kind)}");
    }

    private string AsId()
    {
        switch (Kind)
        {
            case JsonValueKind.String when _element.GetString() is { Length: > 0 } text:
                return text;
            case JsonValueKind.Number:
                var raw = _element.GetRawText();
                if (raw.All(char.IsAsciiDigit)) return raw;
                throw Malformed("expected a whole-number id");
            default:
                throw Malformed($"expected an id, found {Describe(Kind)}");
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Undefined => "nothing",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
