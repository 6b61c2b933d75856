using System.Text.Json;
using System.Text.RegularExpressions;
using InstaIntel.Testing;
using YamlDotNet.RepresentationModel;

namespace InstaIntel.Cluster.Tests.Deployment;

/// <summary>The repository's Dockerfile, compose file and Kubernetes manifests, parsed.</summary>
public sealed partial class DeploymentFiles
{
    private DeploymentFiles(string root)
    {
        Root = root;
        Dockerfile = ReadDockerfile(Path.Combine(root, "Dockerfile"));
        Compose = (YamlMappingNode)Load(Path.Combine(root, "deploy", "compose.yaml")).Single();
        Kubernetes = Directory.GetFiles(Path.Combine(root, "deploy", "kubernetes"), "*.yaml").Order(StringComparer.Ordinal)
            .SelectMany(Load).Cast<YamlMappingNode>().ToList();
    }

    public string Root { get; }
    public DockerImage Dockerfile { get; }
    public YamlMappingNode Compose { get; }
    public IReadOnlyList<YamlMappingNode> Kubernetes { get; }

    public static DeploymentFiles Load() => new(RepositoryRoot.Find());

    /// <summary>The compose services that run a node (those with InstaIntel settings).</summary>
    public IReadOnlyDictionary<string, YamlMappingNode> ComposeNodes =>
        ((YamlMappingNode)Compose["services"]).Children
            .Where(s => s.Value is YamlMappingNode service && service.Children.ContainsKey("environment")
                        && Map(service["environment"]).Keys.Any(k => k.StartsWith("InstaIntel__", StringComparison.Ordinal)))
            .ToDictionary(s => ((YamlScalarNode)s.Key).Value!, s => (YamlMappingNode)s.Value);

    public YamlMappingNode KubernetesObject(string kind, string? name = null) =>
        Kubernetes.Single(o => Text(o, "kind") == kind && (name is null || Text((YamlMappingNode)o["metadata"], "name") == name));

    /// <summary>The StatefulSet's node container.</summary>
    public YamlMappingNode KubernetesContainer =>
        (YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)KubernetesObject("StatefulSet")["spec"])["template"])["spec"])["containers"])
        .Children.Single();

    /// <summary>The container's environment: literal values, or null for values taken from a secret or the pod.</summary>
    public IReadOnlyDictionary<string, string?> KubernetesEnvironment =>
        ((YamlSequenceNode)KubernetesContainer["env"]).Children.Cast<YamlMappingNode>()
            .ToDictionary(e => Text(e, "name")!, e => e.Children.ContainsKey("value") ? Text(e, "value") : null);

    public static IReadOnlyDictionary<string, string> Map(YamlNode node) =>
        ((YamlMappingNode)node).Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => ((YamlScalarNode)c.Value).Value ?? "");

    public static string? Text(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    private static IEnumerable<YamlNode> Load(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return stream.Documents.Select(d => d.RootNode);
    }

    private static DockerImage ReadDockerfile(string path)
    {
        // Join continuation lines, drop comments; the last stage is the image that runs.
        var lines = new List<string>();
        var current = "";
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || line.Length == 0) continue;
            if (line.EndsWith('\\')) { current += line[..^1] + " "; continue; }
            lines.Add(current + line);
            current = "";
        }
        var lastStage = lines.FindLastIndex(l => l.StartsWith("FROM ", StringComparison.Ordinal));
        var stage = lines.Skip(lastStage).ToList();
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var env in stage.Where(l => l.StartsWith("ENV ", StringComparison.Ordinal)))
            foreach (Match pair in EnvPair().Matches(env[4..]))
                environment[pair.Groups[1].Value] = pair.Groups[2].Value;
        var exposed = stage.Where(l => l.StartsWith("EXPOSE ", StringComparison.Ordinal))
            .SelectMany(l => l[7..].Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(int.Parse).ToList();
        var health = stage.Single(l => l.StartsWith("HEALTHCHECK ", StringComparison.Ordinal));
        var entrypoint = JsonSerializer.Deserialize<string[]>(stage.Single(l => l.StartsWith("ENTRYPOINT ", StringComparison.Ordinal))[11..])!;
        var user = stage.Single(l => l.StartsWith("USER ", StringComparison.Ordinal))[5..].Trim();
        return new DockerImage(environment, exposed, new Uri(HealthUrl().Match(health).Value), entrypoint, user,
            stage.Single(l => l.StartsWith("WORKDIR ", StringComparison.Ordinal))[8..].Trim(), string.Join('\n', lines));
    }

    [GeneratedRegex(@"([A-Za-z_][A-Za-z0-9_]*)=(\S+)")]
    private static partial Regex EnvPair();

    [GeneratedRegex(@"http://\S+")]
    private static partial Regex HealthUrl();
}

/// <summary>The runtime stage of the Dockerfile: what a container of the image is started with.</summary>
public sealed record DockerImage(
    IReadOnlyDictionary<string, string> Environment, IReadOnlyList<int> Exposed, Uri HealthCheck, IReadOnlyList<string> Entrypoint,
    string User, string WorkingDirectory, string AllInstructions);
