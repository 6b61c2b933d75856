using Akka.Actor;
using BenchmarkDotNet.Attributes;
using InstaIntel.Actors.Accounts;
using InstaIntel.Actors.Serialization;

namespace InstaIntel.Benchmarks.Micro;

/// <summary>The journal's per-event cost outside the database: our serializer, both ways, for the most frequent event.</summary>
[MemoryDiagnoser]
public class SerializerBenchmarks
{
    private ActorSystem _system = null!;
    private InstaIntelMessageSerializer _serializer = null!;
    private readonly RequestReserved _event = new(DateTime.UtcNow, null);
    private byte[] _bytes = [];
    private string _manifest = "";

    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("micro");
        _serializer = new InstaIntelMessageSerializer((ExtendedActorSystem)_system);
        _bytes = _serializer.ToBinary(_event);
        _manifest = _serializer.Manifest(_event);
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().Wait();

    [Benchmark]
    public byte[] Serialize() => _serializer.ToBinary(_event);

    [Benchmark]
    public object Deserialize() => _serializer.FromBinary(_bytes, _manifest);
}
