using System.Text.Json.Nodes;
using FaceNet2ExpNet.Networks;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Benchmarks;

/// <summary>What <see cref="Benchmark.Run"/> measures and how often.</summary>
public sealed record BenchOptions
{
    /// <summary>One timed step per figure instead of three (about half the time, noisier).</summary>
    public bool Quick { get; init; }
    public int Batch { get; init; } = 16;
    /// <summary>Where pretrained face nets are installed (default: the repository's models/, see <see cref="FaceNets"/>).</summary>
    public string? ModelsDir { get; init; }
    /// <summary>Repository root (for the PyTorch script); null: searched above the working directory.</summary>
    public string? RepoRoot { get; init; }
}

/// <summary>
/// <c>fn2en bench</c>: this machine's practical limits (a 3×3 convolution's and a matrix product's GFLOP/s), ExpNet's
/// training and evaluation speed in fp32, fp32 channels-last, bf16 and bf16 channels-last at 224 px / batch 16, the
/// face nets', the stage-1 step's, the same ExpNet step in PyTorch in those four formats, the cpu profile's fold step
/// by step with its predicted fold time (<see cref="CpuProfileBench"/>), the data pipeline's, the training loop's
/// memory; one JSON object (keys in docs/performance.md). bf16 only where the CPU computes it natively
/// (<see cref="FormatSelection"/>). Figures are the fastest of their timed steps; the load average is recorded.
/// </summary>
public static class Benchmark
{
    public static JsonObject Run(BenchOptions options, TextWriter log)
    {
        var (warmup, reps) = (1, options.Quick ? 1 : 3);
        var steps = new StepBench(warmup, reps);
        var notes = new List<string>();
        var selection = FormatSelection.ForThisCpu();
        if (selection.Note is { } bf16Note)
        {
            notes.Add(bf16Note);
            log.WriteLine($"[bench] {bf16Note}");
        }
        var result = new JsonObject { ["machine"] = MachineInfo.Describe() };
        log.WriteLine($"[bench] {MachineInfo.Cpu()}, {Environment.ProcessorCount} cores, libtorch {get_num_threads()} threads, load average {string.Join(" ", MachineInfo.LoadAverage())}");

        log.WriteLine("[bench] conv roofline: 3×3 conv 256→256 at 56², batch 8…");
        var roofline = selection.Figures(BenchFormats.All, (_, format) =>
            Round(steps.ConvGflops(256, 56, 8, format.Precision == Training.Precision.Bf16 ? ScalarType.BFloat16 : ScalarType.Float32, format.ChannelsLast)));
        result["conv_roofline_gflops"] = roofline;
        log.WriteLine($"[bench] conv roofline GFLOP/s: {roofline.ToJsonString()}");
        result["matmul_gflops"] = new JsonObject
        {
            ["fp32"] = Round(steps.MatmulGflops(2048, ScalarType.Float32)),
            ["bf16"] = selection.Measures(ScalarType.BFloat16) ? Round(steps.MatmulGflops(2048, ScalarType.BFloat16)) : null,
        };
        log.WriteLine($"[bench] matmul 2048² GFLOP/s: {result["matmul_gflops"]!.ToJsonString()}");

        var nets = new NetworkBenches(steps, options.Batch, log, notes, selection, options.ModelsDir);
        using (var expNet = new ExpNet(new ExpNetOptions { Classes = 8, Size = NetworkBenches.Size }))
            result["expnet_gflop_per_img_fwd"] = Math.Round(ArchitectureFlops.ExpNetForward(expNet) / 1e9, 3);
        var (train, eval) = nets.ExpNet(BenchFormats.All);
        result["expnet_train_img_s"] = train;
        result["expnet_eval_ms_per_img"] = eval;
        result["quick_profile_train_img_s"] = NetworkBenches.QuickProfile(options.Quick ? 4 : 12, log, notes, selection);

        var (pytorch, pytorchNote) = PyTorchBench.Run(options.RepoRoot ?? PyTorchBench.FindRepoRoot(Directory.GetCurrentDirectory()),
            options.Batch, reps, BenchFormats.All.Select(f => f.Key).ToList(), selection, log);
        result["pytorch_expnet_train_img_s"] = pytorch;
        result["pytorch_note"] = pytorchNote;
        if (pytorch.All(kv => kv.Value is null)) log.WriteLine($"[bench] PyTorch: not measured — {pytorchNote}");

        result["stage1_train_img_s"] = nets.Stage1();
        var faceNets = new JsonObject();
        foreach (var name in new[] { FaceNets.Vgg16Name, FaceNets.FaceApiResNetName, FaceNets.FaceResName })
            faceNets[name] = nets.FaceNet(name);
        result["face_nets"] = faceNets;

        var cpuProfile = new CpuProfileBench(steps, selection, log, notes, options.ModelsDir).Measure();
        result["cpu_profile"] = cpuProfile;

        var scratch = Directory.CreateTempSubdirectory("fn2en-bench-");
        try { result["data_pipeline"] = SystemBenches.DataPipeline(scratch.FullName, options.Batch, log); }
        finally { scratch.Delete(recursive: true); }
        result["rss_mb"] = SystemBenches.Memory(log);

        CpuProfileBench.AddFoldEstimates(cpuProfile, result["data_pipeline"]);
        result["ratios"] = BenchRatios.Of(result);
        ((JsonObject)result["machine"]!)["load_avg_end"] = new JsonArray(MachineInfo.LoadAverage().Select(v => (JsonNode)v).ToArray());
        result["notes"] = new JsonArray(notes.Select(n => (JsonNode)n).ToArray());
        return result;
    }

    private static double Round(double v) => Math.Round(v, 1);
}
