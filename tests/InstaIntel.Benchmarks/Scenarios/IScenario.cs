using InstaIntel.Benchmarks.Runner;

namespace InstaIntel.Benchmarks.Scenarios;

/// <summary>One scenario of the runner: measures ours and its baseline in the same run.</summary>
public interface IScenario
{
    string Name { get; }

    Task<ScenarioReport> RunAsync(CancellationToken cancellationToken);
}
