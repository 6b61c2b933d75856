namespace InstaIntel.Instagram.Transport;

/// <summary>What came back from one Instagram request, before parsing or classification.</summary>
public sealed record InstagramResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body, string Url)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;
}
