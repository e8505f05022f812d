using System.Globalization;
using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Benchmarks;

/// <summary>What a benchmark ran on: CPU model, cores, libtorch threads, whether libtorch was asked for huge pages (<see cref="FaceNet2ExpNet.Training.HugePages"/>) and freed memory is kept for reuse (<see cref="FaceNet2ExpNet.Training.HeapReuse"/>), and the load average (other processes' share of the cores).</summary>
public static class MachineInfo
{
    /// <summary>The 1-, 5- and 15-minute load averages (as <c>uptime</c> prints them); empty where /proc/loadavg does not exist.</summary>
    public static double[] LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ').Take(3).Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { return []; }
    }

    public static string Cpu()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            var flags = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal)) ?? "";
            var name = line?.Split(':', 2)[1].Trim() ?? "unknown";
            var isa = new[] { "avx512f", "avx512_bf16", "amx_bf16" }.Where(f => flags.Split(' ').Contains(f));
            return $"{name} ({string.Join(", ", isa)})";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return Environment.GetEnvironmentVariable("PROCESSOR_IDENTIFIER") ?? "unknown"; }
    }

    public static JsonObject Describe() => new()
    {
        ["cpu"] = Cpu(),
        ["cores"] = Environment.ProcessorCount,
        ["torch_threads"] = get_num_threads(),
        ["huge_pages"] = FaceNet2ExpNet.Training.HugePages.Enabled,
        ["heap_reuse"] = FaceNet2ExpNet.Training.HeapReuse.Enabled,
        ["torchsharp"] = typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString(),
        ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        ["load_avg_start"] = new JsonArray(LoadAverage().Select(v => (JsonNode)v).ToArray()),
    };
}
