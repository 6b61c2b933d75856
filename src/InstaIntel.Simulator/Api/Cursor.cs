using System.Globalization;
using System.Text;

namespace InstaIntel.Simulator.Api;

/// <summary>Opaque page cursors (end_cursor, next_max_id, oldest_cursor): base64 of an offset, like Instagram's
/// "QVFD..." strings. Clients must pass them back unchanged.</summary>
internal static class Cursor
{
    private const string Prefix = "QVFsim:";

    public static string Encode(int offset) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(Prefix + offset.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The offset in a cursor: 0 for none, null for one the simulator never issued.</summary>
    public static int? Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
            return 0;
        try
        {
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(cursor));
            return text.StartsWith(Prefix, StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
                ? offset
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>A page of items and the cursor of the next page (null on the last).</summary>
    public static (IReadOnlyList<T> Items, string? Next) Page<T>(IReadOnlyList<T> all, int offset, int size)
    {
        var items = all.Skip(offset).Take(size).ToArray();
        var end = offset + items.Length;
        return (items, end < all.Count ? Encode(end) : null);
    }
}
