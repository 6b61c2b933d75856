using BenchmarkDotNet.Running;
using InstaIntel.Benchmarks.Runner;
using InstaIntel.Benchmarks.Scenarios;

// dotnet run -c Release --project tests/InstaIntel.Benchmarks -- <scenario>|all     the scenario runner (docs/performance.md)
// dotnet run -c Release --project tests/InstaIntel.Benchmarks -- micro [BenchmarkDotNet args]
// (load-loop is the control-api scenario's second process, started by the scenario itself.)
// `all` runs issue 8's six scenarios; the dashboard's page times (issue 9) run by name.
IScenario[] measured =
[
    new JournalScenario(),
    new EntitiesScenario(),
    new IngestionScenario(),
    new AnalysisScenario(),
    new ControlApiScenario(),
    new ThrottleScenario(),
];
IScenario[] scenarios = [.. measured, new DashboardScenario()];

if (args.Length == 0)
{
    Console.Error.WriteLine($"usage: <scenario>[,<scenario>...] | all | micro [BenchmarkDotNet args]; scenarios: {string.Join(", ", scenarios.Select(s => s.Name))}");
    return 2;
}
if (args[0] == "micro")
{
    BenchmarkSwitcher.FromAssembly(typeof(ControlApiScenario).Assembly).Run(args[1..]);
    return 0;
}
if (args[0] == LoadLoop.Command)
    return await LoadLoop.RunAsync(args[1..]);

var chosen = args[0] == "all"
    ? measured
    : args[0].Split(',').Select(name => scenarios.FirstOrDefault(s => s.Name == name)).ToArray();
if (chosen.Any(s => s is null))
{
    Console.Error.WriteLine($"unknown scenario in '{args[0]}'; scenarios: {string.Join(", ", scenarios.Select(s => s.Name))}, or all");
    return 2;
}

var reports = new List<ScenarioReport>();
var failed = 0;
foreach (var scenario in chosen)
{
    Console.WriteLine($"-- running {scenario!.Name} ...");
    try
    {
        var report = await scenario.RunAsync(CancellationToken.None);
        reports.Add(report);
        Console.WriteLine(ReportWriter.Table(report));
    }
    catch (Exception ex)
    {
        // One broken scenario does not hide the others' figures; the exit code still says so.
        failed++;
        Console.Error.WriteLine($"scenario {scenario.Name} failed: {ex}");
    }
}
if (reports.Count > 0)
    Console.WriteLine($"JSON: {ReportWriter.WriteJson(reports)}");
return failed == 0 ? 0 : 1;
