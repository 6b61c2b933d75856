using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace InstaIntel.Cli;

/// <summary>
/// The CLI's only way to the cluster: the node's HTTP API with the API key. Turns every failure into a
/// <see cref="CliException"/> that says what went wrong in words (no stack traces for an admin at a prompt).
/// </summary>
public sealed class NodeClient : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly HttpClient _http;
    private readonly bool _hasKey;

    public NodeClient(Uri node, string? apiKey, HttpMessageHandler? handler = null, TimeSpan? timeout = null)
    {
        Node = node;
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.BaseAddress = node;
        _http.Timeout = timeout ?? TimeSpan.FromSeconds(60);
        _hasKey = !string.IsNullOrEmpty(apiKey);
        if (_hasKey) _http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
    }

    public Uri Node { get; }

    /// <summary>A client for the settings: the node URL checked, the key from the file or the variable.</summary>
    public static NodeClient For(NodeSettings settings, CliEnvironment environment)
    {
        var text = settings.Node ?? environment.Variables(CliEnvironment.NodeVariable) ?? CliEnvironment.DefaultNode;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var node) || node.Scheme is not ("http" or "https"))
            throw new CliException(ExitCodes.Usage, $"--node must be an http(s) URL such as {CliEnvironment.DefaultNode}, not '{text}'");
        return new NodeClient(node, ApiKey(settings, environment), environment.Handler);
    }

    private static string? ApiKey(NodeSettings settings, CliEnvironment environment)
    {
        if (settings.ApiKeyFile is { } file)
        {
            try
            {
                var key = File.ReadAllText(file).Trim();
                return key.Length > 0 ? key : throw new CliException(ExitCodes.Usage, $"the API key file {file} is empty");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CliException(ExitCodes.Usage, $"cannot read the API key file {file}: {ex.Message}");
            }
        }
        return environment.Variables(CliEnvironment.ApiKeyVariable)?.Trim() is { Length: > 0 } fromVariable ? fromVariable : null;
    }

    public async Task<NodeAnswer<T>> GetAsync<T>(string path, CancellationToken cancellationToken) =>
        await SendAsync<T>(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    public async Task<NodeAnswer<T>> PostAsync<T>(string path, object? body, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is not null) request.Content = JsonContent.Create(body, options: Json);
        return await SendAsync<T>(request, cancellationToken);
    }

    private async Task<NodeAnswer<T>> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var _ = request;
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            var reason = ex.InnerException is SocketException socket ? socket.Message : ex.Message;
            throw new CliException(ExitCodes.Unreachable, $"cannot reach the node at {Node}: {reason}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException(ExitCodes.Unreachable, $"the node at {Node} did not answer within {_http.Timeout.TotalSeconds:0} s");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
                throw Failure(request, response.StatusCode, text);
            try
            {
                var value = JsonSerializer.Deserialize<T>(text, Json) ?? throw new JsonException("empty body");
                return new NodeAnswer<T>(value, text, response.StatusCode);
            }
            catch (JsonException ex)
            {
                throw new CliException(ExitCodes.Failed, $"{request.Method} {request.RequestUri} answered something that is not the expected JSON: {ex.Message}");
            }
        }
    }

    private CliException Failure(HttpRequestMessage request, HttpStatusCode status, string body)
    {
        var (title, detail) = Problem(body);
        var said = detail is null ? title ?? status.ToString() : $"{title ?? status.ToString()}: {detail}";
        var route = $"{request.Method} {request.RequestUri}";
        return status switch
        {
            HttpStatusCode.Unauthorized when !_hasKey => new CliException(ExitCodes.Unauthorized,
                $"{route} needs an API key (401): set {CliEnvironment.ApiKeyVariable} or pass --api-key-file"),
            HttpStatusCode.Unauthorized => new CliException(ExitCodes.Unauthorized,
                $"{route} refused the API key (401): check {CliEnvironment.ApiKeyVariable} or --api-key-file"),
            HttpStatusCode.Forbidden => new CliException(ExitCodes.Unauthorized, $"{route} is forbidden (403): {said}"),
            _ => new CliException(ExitCodes.Failed, $"{said} ({(int)status} from {route})"),
        };
    }

    /// <summary>Title and detail of an RFC 7807 body; nulls when the body is something else.</summary>
    internal static (string? Title, string? Detail) Problem(string body)
    {
        try
        {
            if (JsonNode.Parse(body) is JsonObject problem)
                return (problem["title"]?.GetValue<string>(), problem["detail"]?.GetValue<string>());
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
        }
        return (null, null);
    }

    /// <summary>The node's JSON, indented for people who read <c>--json</c> too.</summary>
    public static string Pretty(string json) => JsonNode.Parse(json)?.ToJsonString(Indented) ?? json;

    public void Dispose() => _http.Dispose();
}

/// <summary>A successful answer: the typed value and the raw JSON (for <c>--json</c>).</summary>
public sealed record NodeAnswer<T>(T Value, string Json, HttpStatusCode Status);
