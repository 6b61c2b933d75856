using InstaIntel.Simulator.Hosting;

// dotnet run --project src/InstaIntel.Simulator -- --urls http://127.0.0.1:5090 --seed 42 --profiles 200
var app = SimulatorApplication.Build(args);
await app.RunAsync();
