using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using InstaIntel.Testing;
using YamlDotNet.RepresentationModel;

namespace InstaIntel.Cluster.Tests.Deployment;

/// <summary>
/// deploy/ and the Dockerfile against the node: every environment variable names a setting the node reads, the ports
/// agree everywhere, the seeds name nodes that exist, and the image's start command serves the probed health paths.
/// </summary>
public sealed class DeploymentManifestTests
{
    private const int HttpPort = 5080;
    private const int AkkaPort = 4053;
    private static readonly string[] FrameworkVariables = ["ASPNETCORE_URLS", "DOTNET_gcServer"];
    private readonly DeploymentFiles _files = DeploymentFiles.Load();

    [Fact]
    public void Every_environment_variable_of_the_image_compose_and_kubernetes_names_a_node_setting()
    {
        var catalog = new NodeSettingsCatalog();
        var variables = _files.Dockerfile.Environment.Keys
            .Concat(_files.ComposeNodes.Values.SelectMany(s => DeploymentFiles.Map(s["environment"]).Keys))
            .Concat(_files.KubernetesEnvironment.Keys.Where(k => k is not ("POD_NAME" or "POD_NAMESPACE")))
            .Distinct().ToList();

        Assert.Contains("InstaIntel__Cluster__SeedNodes__0", variables);
        var problems = variables.Where(v => !FrameworkVariables.Contains(v)).Select(catalog.Problem).OfType<string>().ToList();
        Assert.True(problems.Count == 0, string.Join('\n', problems));
        // The catalog does catch a misspelt one.
        Assert.NotNull(catalog.Problem("InstaIntel__Cluster__SeedNode__0"));
        Assert.NotNull(catalog.Problem("InstaIntel__Clustr__Port"));

        // A cluster needs the same settings on every node: PostgreSQL, the vault key, seeds, a public hostname.
        var required = new[]
        {
            "InstaIntel__Storage__Engine", "InstaIntel__Storage__ConnectionString", "InstaIntel__Vault__Key", "InstaIntel__Cluster__PublicHostname",
            "InstaIntel__Cluster__SeedNodes__0", "InstaIntel__Cluster__SeedNodes__1",
        };
        foreach (var (name, service) in _files.ComposeNodes)
            Assert.All(required, r => Assert.True(DeploymentFiles.Map(service["environment"]).ContainsKey(r), $"compose {name} lacks {r}"));
        Assert.All(required, r => Assert.True(_files.KubernetesEnvironment.ContainsKey(r), $"the StatefulSet lacks {r}"));
        Assert.Equal("PostgreSql", _files.KubernetesEnvironment["InstaIntel__Storage__Engine"]);
        // Secrets come from a secret, never a literal in the manifest.
        Assert.Null(_files.KubernetesEnvironment["InstaIntel__Storage__ConnectionString"]);
        Assert.Null(_files.KubernetesEnvironment["InstaIntel__Vault__Key"]);
    }

    [Fact]
    public void Ports_agree_between_the_image_the_compose_file_and_the_kubernetes_manifests()
    {
        var image = _files.Dockerfile;
        Assert.Equal(new[] { AkkaPort, HttpPort }, image.Exposed.Order());
        Assert.Equal(HttpPort, new Uri(image.Environment["ASPNETCORE_URLS"]).Port);
        Assert.Equal(AkkaPort.ToString(), image.Environment["InstaIntel__Cluster__Port"]);
        Assert.Equal(HttpPort, image.HealthCheck.Port);

        var published = new HashSet<int>();
        foreach (var (name, service) in _files.ComposeNodes)
        {
            var environment = DeploymentFiles.Map(service["environment"]);
            var http = new Uri(environment.GetValueOrDefault("ASPNETCORE_URLS", image.Environment["ASPNETCORE_URLS"])).Port;
            Assert.Equal(HttpPort, http);
            Assert.Equal(AkkaPort.ToString(), environment.GetValueOrDefault("InstaIntel__Cluster__Port", image.Environment["InstaIntel__Cluster__Port"]));
            var mapping = Assert.Single(((YamlSequenceNode)service["ports"]).Children.Cast<YamlScalarNode>()).Value!.Split(':');
            Assert.Equal(http, int.Parse(mapping[1]));
            Assert.True(published.Add(int.Parse(mapping[0])), $"compose {name} publishes host port {mapping[0]} twice");
        }

        var container = _files.KubernetesContainer;
        var ports = ((YamlSequenceNode)container["ports"]).Children.Cast<YamlMappingNode>()
            .ToDictionary(p => DeploymentFiles.Text(p, "name")!, p => int.Parse(DeploymentFiles.Text(p, "containerPort")!));
        Assert.Equal(HttpPort, ports["http"]);
        Assert.Equal(AkkaPort, ports["akka"]);
        Assert.Equal(HttpPort, new Uri(_files.KubernetesEnvironment["ASPNETCORE_URLS"]!).Port);
        Assert.Equal(AkkaPort.ToString(), _files.KubernetesEnvironment["InstaIntel__Cluster__Port"]);
        foreach (var probe in new[] { "readinessProbe", "livenessProbe" })
            Assert.Equal("http", DeploymentFiles.Text((YamlMappingNode)((YamlMappingNode)container[probe])["httpGet"], "port"));
        var headless = (YamlMappingNode)_files.KubernetesObject("Service", "instaintel-akka")["spec"];
        var akka = Assert.Single(((YamlSequenceNode)headless["ports"]).Children.Cast<YamlMappingNode>());
        Assert.Equal(AkkaPort.ToString(), DeploymentFiles.Text(akka, "port"));
        Assert.Equal("akka", DeploymentFiles.Text(akka, "targetPort"));
        var web = Assert.Single(((YamlSequenceNode)((YamlMappingNode)_files.KubernetesObject("Service", "instaintel")["spec"])["ports"]).Children.Cast<YamlMappingNode>());
        Assert.Equal("http", DeploymentFiles.Text(web, "targetPort"));
    }

    [Fact]
    public void Seeds_name_nodes_that_exist_and_the_cluster_keeps_a_majority_through_a_disruption()
    {
        // Compose: every node lists the same seeds; each seed is a node service whose public hostname it is.
        var nodes = _files.ComposeNodes;
        Assert.True(nodes.Count >= 3, "the compose file runs at least three nodes");
        var seedLists = nodes.Values.Select(s => SeedsOf(DeploymentFiles.Map(s["environment"]))).ToList();
        Assert.All(seedLists, seeds => Assert.Equal(seedLists[0], seeds));
        foreach (var seed in seedLists[0])
        {
            var match = Regex.Match(seed, @"^akka\.tcp://instaintel@([^:]+):(\d+)$");
            Assert.True(match.Success, $"malformed seed {seed}");
            Assert.Equal(AkkaPort.ToString(), match.Groups[2].Value);
            Assert.Contains(nodes, n => DeploymentFiles.Map(n.Value["environment"])["InstaIntel__Cluster__PublicHostname"] == match.Groups[1].Value
                                        && n.Key == match.Groups[1].Value);
        }
        Assert.Equal(nodes.Count, nodes.Values.Select(s => DeploymentFiles.Map(s["environment"])["InstaIntel__Cluster__PublicHostname"]).Distinct().Count());

        // Kubernetes: the seeds are the StatefulSet's first pods under its headless service, and the pod's public
        // hostname has the same shape, so a seed is a pod's own address.
        var set = (YamlMappingNode)_files.KubernetesObject("StatefulSet")["spec"];
        var setName = DeploymentFiles.Text((YamlMappingNode)_files.KubernetesObject("StatefulSet")["metadata"], "name");
        var service = DeploymentFiles.Text(set, "serviceName");
        var headless = (YamlMappingNode)_files.KubernetesObject("Service", service)["spec"];
        Assert.Equal("None", DeploymentFiles.Text(headless, "clusterIP"));
        Assert.Equal("true", DeploymentFiles.Text(headless, "publishNotReadyAddresses"));
        var publicHost = _files.KubernetesEnvironment["InstaIntel__Cluster__PublicHostname"]!;
        Assert.Equal($"$(POD_NAME).{service}.$(POD_NAMESPACE).svc.cluster.local", publicHost);
        var k8sSeeds = SeedsOf(_files.KubernetesEnvironment);
        Assert.Equal(2, k8sSeeds.Count);
        for (var i = 0; i < k8sSeeds.Count; i++)
            Assert.Equal($"akka.tcp://instaintel@{publicHost.Replace("$(POD_NAME)", $"{setName}-{i}")}:{AkkaPort}", k8sSeeds[i]);
        var replicas = int.Parse(DeploymentFiles.Text(set, "replicas")!);
        Assert.True(replicas >= 3);

        // The disruption budget covers the pods and never lets a voluntary disruption take the majority.
        var podLabels = DeploymentFiles.Map(((YamlMappingNode)((YamlMappingNode)set["template"])["metadata"])["labels"]);
        var budget = (YamlMappingNode)_files.KubernetesObject("PodDisruptionBudget")["spec"];
        Assert.All(DeploymentFiles.Map(((YamlMappingNode)budget["selector"])["matchLabels"]), l => Assert.Equal(l.Value, podLabels[l.Key]));
        Assert.True(int.Parse(DeploymentFiles.Text(budget, "maxUnavailable")!) < (replicas + 1) / 2);
        var grace = int.Parse(DeploymentFiles.Text((YamlMappingNode)((YamlMappingNode)set["template"])["spec"], "terminationGracePeriodSeconds")!);
        Assert.True(grace > 30, "the grace period must outlast the node's 30 s shutdown");
    }

    [Fact]
    public async Task The_image_start_command_runs_as_a_user_and_serves_the_health_paths_every_manifest_probes()
    {
        var image = _files.Dockerfile;
        Assert.NotEqual("root", image.User);
        Assert.Contains("chromium", image.AllInstructions);
        Assert.Contains("ffmpeg", image.AllInstructions);
        Assert.Contains("ensure-models.sh", image.AllInstructions);
        var paths = new Dictionary<string, string>
        {
            ["Dockerfile HEALTHCHECK"] = image.HealthCheck.AbsolutePath,
            ["Kubernetes readinessProbe"] = ProbePath("readinessProbe"),
            ["Kubernetes livenessProbe"] = ProbePath("livenessProbe"),
        };
        foreach (var (name, service) in _files.ComposeNodes)
            paths[$"compose {name} healthcheck"] = new Uri(((YamlSequenceNode)((YamlMappingNode)service["healthcheck"])["test"]).Children
                .Cast<YamlScalarNode>().Single(t => t.Value!.StartsWith("http://", StringComparison.Ordinal)).Value!).AbsolutePath;
        Assert.Equal("/readyz", paths["Kubernetes readinessProbe"]);
        Assert.Equal("/healthz", paths["Kubernetes livenessProbe"]);

        // ENTRYPOINT with the image's environment; only the ports (the machine is shared) and the public hostname differ.
        var work = Directory.CreateTempSubdirectory("instaintel-image-start-").FullName;
        var http = FreePort.Next();
        var start = new ProcessStartInfo(image.Entrypoint[0])
        {
            WorkingDirectory = work, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        var published = Path.GetDirectoryName(NodeProcess.NodeAssembly())!;
        foreach (var argument in image.Entrypoint.Skip(1))
            start.ArgumentList.Add(argument.Replace("/opt/instaintel", published, StringComparison.Ordinal));
        start.Environment.Remove("ASPNETCORE_URLS");
        foreach (var (key, value) in image.Environment) start.Environment[key] = value;
        start.Environment["ASPNETCORE_URLS"] = image.Environment["ASPNETCORE_URLS"].Replace($":{HttpPort}", $":{http}", StringComparison.Ordinal);
        start.Environment["InstaIntel__Cluster__Port"] = FreePort.Next().ToString();
        start.Environment["InstaIntel__Cluster__PublicHostname"] = "127.0.0.1";
        using var process = Process.Start(start)!;
        var log = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{http}"), Timeout = TimeSpan.FromSeconds(10) };
            foreach (var (probe, path) in paths)
            {
                var status = await StatusWhenAnsweredAsync(client, path, process, log);
                Assert.True(status == HttpStatusCode.OK, $"{probe} {path} answered {(int)status}\n{log}");
            }
            // docker stop / Kubernetes: SIGTERM, and the node leaves and exits cleanly.
            Assert.Equal(0, kill(process.Id, 15));
            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(exit.Token);
            Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}\n{log}");
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    private string ProbePath(string probe) =>
        DeploymentFiles.Text((YamlMappingNode)((YamlMappingNode)_files.KubernetesContainer[probe])["httpGet"], "path")!;

    private static List<string> SeedsOf(IReadOnlyDictionary<string, string?> environment) =>
        environment.Where(e => e.Key.StartsWith("InstaIntel__Cluster__SeedNodes__", StringComparison.Ordinal))
            .OrderBy(e => int.Parse(e.Key.Split("__")[^1])).Select(e => e.Value!).ToList();

    /// <summary>Polls until the path answers (the node may still be starting) and, for /readyz, until it is ready.</summary>
    private static async Task<HttpStatusCode> StatusWhenAnsweredAsync(HttpClient client, string path, Process process, System.Text.StringBuilder log)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        HttpStatusCode last = 0;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"the node exited with {process.ExitCode}:\n{log}");
            try
            {
                using var response = await client.GetAsync(path);
                last = response.StatusCode;
                if (last == HttpStatusCode.OK) return last;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { }
            await Task.Delay(500);
        }
        return last;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
