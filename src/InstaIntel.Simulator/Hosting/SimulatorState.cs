using InstaIntel.Simulator.Accounts;
using InstaIntel.Simulator.Faults;
using InstaIntel.Simulator.Media;
using InstaIntel.Simulator.Network;
using InstaIntel.Simulator.Recording;

namespace InstaIntel.Simulator.Hosting;

/// <summary>Everything one simulator instance holds: the network, sessions, faults, logs and media.</summary>
internal sealed class SimulatorState : IDisposable
{
    private SimulatorState(SimulatorOptions options, SimulatorClock clock, SimulatedNetwork network, MediaLibrary media)
    {
        Options = options;
        Clock = clock;
        Network = network;
        Media = media;
        Faults = new FaultPlan(options.Faults);
        Sessions = new SessionStore(Faults);
        Credentials = new Credentials(options.EffectiveAccounts, options.GeneratedProfilePassword, network);
        Requests = new RequestLog(options.RequestLogCapacity);
    }

    public SimulatorOptions Options { get; }
    public SimulatorClock Clock { get; }
    public SimulatedNetwork Network { get; }
    public MediaLibrary Media { get; }
    public FaultPlan Faults { get; }
    public SessionStore Sessions { get; }
    public Credentials Credentials { get; }
    public RequestLog Requests { get; }
    public InteractionState Interactions { get; } = new();

    public static SimulatorState Create(SimulatorOptions options, TimeProvider time)
    {
        options.Validate();
        // Assets first: a simulator without real media must not start at all.
        var assets = TestAssets.Load(options.AssetsPath);
        var media = new MediaLibrary(assets, options.FontPath);
        var clock = new SimulatorClock(time);
        var epoch = options.Network.Epoch ?? clock.GetUtcNow();
        var network = SimulatedNetwork.Generate(options.Network, options.EffectiveAccounts.Select(a => a.Username).ToArray(), epoch);
        return new SimulatorState(options, clock, network, media);
    }

    public void Dispose() => Media.Dispose();
}
