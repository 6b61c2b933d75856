using System.Collections.Concurrent;
using System.Text;

namespace InstaIntel.Domain.Common;

/// <summary>
/// State enums are persisted as the seed's strings: the snake_case of the member name
/// (<c>LoginState.NotAuthenticated</c> is <c>not_authenticated</c>).
/// </summary>
public static class SeedString
{
    private static readonly ConcurrentDictionary<Enum, string> ToCache = new();
    private static readonly ConcurrentDictionary<(Type, string), object> FromCache = new();

    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => Of((Enum)value);

    public static string Of(Enum value) => ToCache.GetOrAdd(value, v => SnakeCase(v.ToString()));

    public static TEnum Parse<TEnum>(string text) where TEnum : struct, Enum => (TEnum)Parse(typeof(TEnum), text);

    public static object Parse(Type enumType, string text) =>
        FromCache.GetOrAdd((enumType, text), key =>
        {
            foreach (var value in Enum.GetValues(key.Item1))
            {
                if (Of((Enum)value) == key.Item2)
                    return value;
            }
            throw new FormatException($"'{key.Item2}' is not a {key.Item1.Name} value");
        });

    public static bool TryParse<TEnum>(string? text, out TEnum value) where TEnum : struct, Enum
    {
        value = default;
        if (text is null) return false;
        try { value = Parse<TEnum>(text); return true; }
        catch (FormatException) { return false; }
    }

    /// <summary>PascalCase to snake_case: <c>ContinuousProcessingState</c> to <c>continuous_processing_state</c>.</summary>
    public static string SnakeCase(string pascal)
    {
        var sb = new StringBuilder(pascal.Length + 8);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (char.IsUpper(c))
            {
                var previousIsLowerOrDigit = i > 0 && (char.IsLower(pascal[i - 1]) || char.IsDigit(pascal[i - 1]));
                var nextIsLower = i + 1 < pascal.Length && char.IsLower(pascal[i + 1]);
                var previousIsUpper = i > 0 && char.IsUpper(pascal[i - 1]);
                if (i > 0 && (previousIsLowerOrDigit || (previousIsUpper && nextIsLower)))
                    sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }
}
