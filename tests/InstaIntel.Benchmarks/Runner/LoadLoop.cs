using System.Diagnostics;
using System.Text.Json;

namespace InstaIntel.Benchmarks.Runner;

/// <summary>
/// The control-api scenario's second process: a bounded .NET load loop. <c>load-loop METHOD URL_TEMPLATE
/// CONCURRENCY SECONDS ACCOUNTS API_KEY</c> keeps CONCURRENCY requests in flight for SECONDS ({u} in the template
/// becomes one of ACCOUNTS usernames, round robin) and prints one JSON line: requests, errors, status counts, latencies.
/// </summary>
public static class LoadLoop
{
    public const string Command = "load-loop";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length != 6)
        {
            Console.Error.WriteLine("usage: load-loop METHOD URL_TEMPLATE CONCURRENCY SECONDS ACCOUNTS API_KEY");
            return 2;
        }
        var method = new HttpMethod(args[0]);
        var template = args[1];
        var concurrency = int.Parse(args[2]);
        var duration = TimeSpan.FromSeconds(double.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture));
        var accounts = int.Parse(args[4]);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("X-Api-Key", args[5]);

        var latencies = new List<double>[concurrency];
        var statuses = new Dictionary<int, int>[concurrency];
        var errors = 0;
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            latencies[worker] = [];
            statuses[worker] = [];
            while (clock.Elapsed < duration)
            {
                var url = template.Replace("{u}", $"load_{Interlocked.Increment(ref next) % accounts:D4}");
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var request = new HttpRequestMessage(method, url);
                    using var response = await http.SendAsync(request);
                    await response.Content.ReadAsByteArrayAsync();
                    latencies[worker].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    statuses[worker][(int)response.StatusCode] = statuses[worker].GetValueOrDefault((int)response.StatusCode) + 1;
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        var elapsed = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).ToList();
        var result = new LoadResult(all.Count, errors, elapsed, all.Count / elapsed, Percentiles.Of(all, 50), Percentiles.Of(all, 99),
            statuses.SelectMany(s => s).GroupBy(p => p.Key).ToDictionary(g => g.Key.ToString(), g => g.Sum(p => p.Value)));
        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }
}

/// <summary>What one load-loop run measured.</summary>
public sealed record LoadResult(int Requests, int Errors, double Seconds, double RequestsPerSecond, double P50Ms, double P99Ms, Dictionary<string, int> Statuses);
