using System.Diagnostics;
using System.Net;
using System.Text;
using InstaIntel.Testing;

namespace InstaIntel.Node.Tests.Demo;

/// <summary>The README's first command, run as a user would: it serves the API and stops cleanly on Ctrl-C.</summary>
public sealed class DemoCommandTests
{
    [Fact]
    public async Task Build_sh_demo_serves_the_accounts_list_and_stops_cleanly_on_ctrl_c()
    {
        var repository = RepositoryRoot.Find();
        var dataFolder = Directory.CreateTempSubdirectory("instaintel-demo-");
        var port = FreePort.Next();
        var start = new ProcessStartInfo("bash", [Path.Combine(repository, "build.sh"), "demo"])
        {
            WorkingDirectory = repository,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["INSTAINTEL_DEMO_URL"] = $"http://127.0.0.1:{port}",
                ["InstaIntel__Storage__ConnectionString"] = $"Data Source={Path.Combine(dataFolder.FullName, "demo.db")}",
                ["InstaIntel__Cluster__Port"] = "0",
            },
        };
        var output = new StringBuilder();
        using var demo = Process.Start(start)!;
        demo.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        demo.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        demo.BeginOutputReadLine();
        demo.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
            var answered = false;
            var deadline = DateTime.UtcNow.AddMinutes(4);
            while (!answered && DateTime.UtcNow < deadline && !demo.HasExited)
            {
                try { answered = (await http.GetAsync("/api/accounts")).StatusCode == HttpStatusCode.OK; }
                catch (HttpRequestException) { await Task.Delay(500); }
                catch (TaskCanceledException) { }
            }
            Assert.True(answered, $"the demo never answered GET /api/accounts:\n{output}");

            // The demo account logs in to the simulator and continuous processing fills the database by itself.
            var filled = false;
            var fillDeadline = DateTime.UtcNow.AddMinutes(3);
            string runs = "";
            while (!filled && DateTime.UtcNow < fillDeadline && !demo.HasExited)
            {
                await Task.Delay(2000);
                try
                {
                    runs = await http.GetStringAsync("/api/accounts/demo_user/runs");
                    using var document = System.Text.Json.JsonDocument.Parse(runs);
                    filled = document.RootElement.EnumerateArray().Any(run =>
                        run.GetProperty("status").GetString() == "succeeded"
                        && run.GetProperty("stats").TryGetProperty("stories_new", out var stories) && stories.GetInt32() > 0);
                }
                catch (HttpRequestException) { }
                catch (TaskCanceledException) { }
            }
            Assert.True(filled, $"no story sync filled the database; runs: {runs}\n{output}");

            // Ctrl-C: build.sh passes it on to the node, waits for its shutdown, then stops the simulator.
            Process.Start("kill", ["-INT", demo.Id.ToString()])!.WaitForExit();
            using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await demo.WaitForExitAsync(exited.Token);
            Assert.True(0 == demo.ExitCode, $"exit code {demo.ExitCode}:\n{output}");
            Assert.True(File.Exists(Path.Combine(dataFolder.FullName, "demo.db")), "the demo wrote no SQLite file");
        }
        finally
        {
            if (!demo.HasExited) demo.Kill(entireProcessTree: true);
            dataFolder.Delete(recursive: true);
        }
    }
}
