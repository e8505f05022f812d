using FaceNet2ExpNet.Benchmarks;
using FaceNet2ExpNet.Experiments;
using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Tests.Fixtures;
using FaceNet2ExpNet.Training;

namespace FaceNet2ExpNet.Tests.Benchmarks;

/// <summary>
/// The bench's format selection under <c>FN2EN_NATIVE_BF16</c>: off, as on a CPU without native bf16 (AVX2), every bf16
/// figure is skipped — null, never measured — with the one note that says why; PyTorch's object has every format.
/// These set a process-wide environment variable, so they run alone (the TorchRng collection: no parallel tests).
/// </summary>
[Collection(TorchRng.Collection)]
public sealed class FormatSelectionTests
{
    [Fact]
    public void Without_native_bf16_every_bf16_format_is_null_unmeasured_and_one_note_says_why()
    {
        using var _ = new NativeBf16("0");
        Assert.False(CpuFeatures.NativeBf16);
        var selection = FormatSelection.ForThisCpu();
        Assert.False(selection.Bf16);
        Assert.StartsWith("bf16 not measured: this CPU has no native bf16 (FN2EN_NATIVE_BF16=0; CPU: ", selection.Note);
        Assert.Contains("oneDNN would emulate it", selection.Note);

        var measured = new List<string>();
        var figures = selection.Figures(BenchFormats.All, (key, _) => { measured.Add(key); return 1.0; });
        Assert.Equal(["fp32", "fp32_channels_last"], measured);   // the bf16 ones were never run
        Assert.Equal(["fp32", "fp32_channels_last", "bf16", "bf16_channels_last"], figures.Select(kv => kv.Key));
        Assert.Equal(1.0, figures["fp32_channels_last"]!.GetValue<double>());
        Assert.Null(figures["bf16"]);
        Assert.Null(figures["bf16_channels_last"]);
        Assert.Equal(["fp32", "fp32_channels_last"], selection.Measured(BenchFormats.All).Select(f => f.Key));
        Assert.False(selection.Measures(TorchSharp.torch.ScalarType.BFloat16));

        // precision=auto follows the same override: the cpu profile's steps would run (and be measured) in fp32.
        Assert.Equal("fp32", CpuFeatures.Auto().Precision);
        Assert.Equal("fp32", CpuProfileBench.Settings(FaceNets.FaceApiResNetName).Get(Setting.Precision));
        Assert.Equal("fp32", new ExperimentSettings { Dataset = "synthetic-ck", Profile = Profile.Cpu }.Resolve(FaceNets.FaceApiResNetName).Get(Setting.Precision));
    }

    [Fact]
    public void With_native_bf16_every_format_is_measured_and_there_is_no_note()
    {
        using var _ = new NativeBf16("1");
        var selection = FormatSelection.ForThisCpu();
        Assert.True(selection.Bf16);
        Assert.Null(selection.Note);
        var figures = selection.Figures(BenchFormats.All, (_, _) => 2.0);
        Assert.All(figures, kv => Assert.Equal(2.0, kv.Value!.GetValue<double>()));
        Assert.Equal("bf16", CpuProfileBench.Settings(FaceNets.FaceApiResNetName).Get(Setting.Precision));
        Assert.Equal("bf16", CpuFeatures.Auto().Precision);
    }

    [Fact]
    public void Unset_the_cpu_flags_decide_and_a_bad_value_is_refused()
    {
        using (new NativeBf16(null)) Assert.Equal(CpuFeatures.HasBf16Instructions, CpuFeatures.NativeBf16);
        using (new NativeBf16("yes"))
        {
            var e = Assert.Throws<InvalidOperationException>(() => CpuFeatures.NativeBf16);
            Assert.Contains("FN2EN_NATIVE_BF16='yes': use 0", e.Message);
        }
    }

    [Fact]
    public void PyTorch_absent_gives_every_format_as_null_with_the_note_how_to_get_it()
    {
        using var _ = new NativeBf16("0");
        var (figures, note) = PyTorchBench.Run(Repo.Root, 16, 1, BenchFormats.All.Select(f => f.Key).ToList(), FormatSelection.ForThisCpu(),
            TextWriter.Null, python: "/nonexistent/python3");
        Assert.Equal(["fp32", "fp32_channels_last", "bf16", "bf16_channels_last"], figures.Select(kv => kv.Key));
        Assert.All(figures, kv => Assert.Null(kv.Value));
        Assert.Equal($"/nonexistent/python3 not found. {PyTorchBench.HowToGet}", note);
        Assert.Contains("apt-get install python3-torch", note);

        var (outside, why) = PyTorchBench.Run(null, 16, 1, ["fp32"], FormatSelection.ForThisCpu(), TextWriter.Null);
        Assert.Null(outside["fp32"]);
        Assert.Contains("not found (run fn2en bench from the repository)", why);
    }

    /// <summary>Sets FN2EN_NATIVE_BF16 (null: unsets it) until disposed, then restores the earlier value.</summary>
    private sealed class NativeBf16 : IDisposable
    {
        private readonly string? before = Environment.GetEnvironmentVariable(CpuFeatures.OverrideVariable);
        public NativeBf16(string? value) => Environment.SetEnvironmentVariable(CpuFeatures.OverrideVariable, value);
        public void Dispose() => Environment.SetEnvironmentVariable(CpuFeatures.OverrideVariable, before);
    }
}
