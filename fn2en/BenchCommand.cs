using System.CommandLine;
using System.Text.Json;
using FaceNet2ExpNet.Benchmarks;

namespace FaceNet2ExpNet.Cli;

/// <summary>
/// `fn2en bench [--out FILE] [--quick]`: this machine's limits and the project's speed against them, PyTorch's in the same
/// formats, and the cpu profile's fold step by step with its predicted time (docs/performance.md). bf16 only where the
/// CPU computes it natively (FN2EN_NATIVE_BF16=0|1 overrides).
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var output = new Option<string?>("--out") { Description = "Also write the JSON result to this file" };
        var quick = new Option<bool>("--quick") { Description = "One timed step per figure instead of three (faster, noisier)" };
        var models = new Option<string?>("--models") { Description = "Folder of installed pretrained face nets (default: the repository's models/)" };
        var command = new Command("bench", "Measure conv/matmul limits, ExpNet, the face nets, stage 1, PyTorch in the same formats, the cpu profile's fold step by step (and its predicted time), the data pipeline and memory; print tables and JSON.")
            { output, quick, models };
        command.SetAction(parse =>
        {
            var outPath = parse.GetValue(output);
            // Fail on an unwritable --out now, not after minutes of measuring.
            if (outPath is not null) File.WriteAllText(outPath, "");
            var result = Benchmark.Run(new BenchOptions { Quick = parse.GetValue(quick), ModelsDir = parse.GetValue(models) }, Console.Out);
            var json = result.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
            Console.WriteLine();
            Console.WriteLine(BenchTable.Format(result));
            Console.WriteLine(json);
            if (outPath is not null)
            {
                File.WriteAllText(outPath, json + "\n");
                Console.WriteLine($"(written to {outPath})");
            }
            return 0;
        });
        return command;
    }
}
