using FaceNet2ExpNet.Experiments;
using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Training;

namespace FaceNet2ExpNet.Tests.Experiments;

/// <summary>Every hyper-parameter by name: profile values, the face net's recipes, overrides, and the errors of bad ones.</summary>
public class SettingsTests
{
    private static readonly ExperimentSettings Quick = new() { Dataset = "synthetic-ck", Profile = Profile.Quick };

    [Fact]
    public void The_profile_and_the_face_nets_recipe_give_the_effective_settings()
    {
        var s = Quick.Resolve(FaceNets.Vgg16BnName);
        Assert.Equal(3e-4, s.Stage1.Lr);
        Assert.Equal(250, s.Stage1.ClipGradNorm);
        Assert.NotNull(s.Pretrain);
        var pretrained = Quick.Resolve(FaceNets.FaceApiResNetName);
        Assert.Null(pretrained.Pretrain);   // a pretrained face net is not pre-trained here
    }

    [Fact]
    public void Overrides_apply_in_order_and_parse_in_the_invariant_culture()
    {
        var s = Quick.Set("stage1.lr", "3e-5").Set("finetune.epochs", 20).Set("stage1.lr", 0.5).Set("width", 0.25)
            .Set("stage1.clip_grad_norm", "none").Set("folds", "all").Resolve(FaceNets.Vgg16BnName);
        Assert.Equal(0.5, s.Stage1.Lr);
        Assert.Equal(20, s.FineTune.Epochs);
        Assert.Equal(0.25, s.Network.Width);
        Assert.Null(s.Stage1.ClipGradNorm);
        Assert.Null(s.Folds);
    }

    [Fact]
    public void An_unknown_name_is_one_line_listing_the_valid_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => Quick.Set("stage1.learning_rate", 1e-3));
        Assert.StartsWith("Unknown setting 'stage1.learning_rate'. Valid names: image_size, input_size, width, folds, batch_size", e.Message);
        Assert.Contains("stage1.lr", e.Message);
        Assert.Contains("finetune.new_layer_lr_mult", e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }

    [Theory]
    [InlineData("stage1.lr", "fast", "stage1.lr: 'fast' is not a number.")]
    [InlineData("stage1.lr", "-1", "stage1.lr: -1 must be positive.")]
    [InlineData("finetune.epochs", "2.5", "finetune.epochs: '2.5' is not a whole number.")]
    [InlineData("momentum", "1.5", "momentum: 1.5 must be between 0 and 1.")]
    public void A_bad_value_names_the_setting_and_what_is_wrong(string name, string value, string message) =>
        Assert.Equal(message, Assert.Throws<ArgumentException>(() => Quick.Set(name, value).Resolve(FaceNets.Vgg16BnName)).Message);

    [Theory]
    [InlineData("precision", "fp16", "precision: 'fp16' is not a precision; use fp32 or bf16.")]
    [InlineData("channels_last", "maybe", "channels_last: 'maybe' is not on or off.")]
    public void A_bad_precision_or_memory_format_is_named(string name, string value, string message) =>
        Assert.Equal(message, Assert.Throws<ArgumentException>(() => Quick.Set(name, value).Resolve(FaceNets.Vgg16BnName)).Message);

    [Fact]
    public void Precision_and_channels_last_are_settings_that_reach_every_runs_config_and_id()
    {
        var fp32 = Quick.Set("precision", "fp32").Set("channels_last", "off");
        var bf16 = Quick.Set("precision", "bf16").Set("channels_last", "off");
        var channelsLast = fp32.Set("channels_last", "on");
        Assert.Equal(new ComputeFormat { Precision = Precision.Bf16 }, bf16.Resolve(FaceNets.Vgg16BnName).Compute);
        Assert.True(channelsLast.Resolve(FaceNets.Vgg16BnName).Compute.ChannelsLast);
        var data = new DataRef("synthetic-ck", "abc");
        RunPlan Plan(ExperimentSettings s) => new(s.Resolve(FaceNets.Vgg16BnName), data, null, () => new DataRef("synthetic-faces", "def"), 1);
        var (a, b, c) = (Plan(fp32), Plan(bf16), Plan(channelsLast));
        foreach (var run in a.All)
        {
            var k = run.Fold ?? 0;
            Assert.NotEqual(run.Id, b[run.Method, k].Id);
            Assert.NotEqual(run.Id, c[run.Method, k].Id);
            Assert.Equal(Precision.Bf16, b[run.Method, k].Config.ComputeOrDefault.Precision);
        }
        // The default is left out of config.json, so fp32 runs keep the ids they had before these settings existed.
        Assert.DoesNotContain("compute", a.All.First().Config.ToJson());
        Assert.Equal(Plan(Quick)[Methods.Fn2En, 0].Id, c[Methods.Fn2En, 0].Id);   // the quick profile's default: fp32, channels-last
        Assert.Contains("\"precision\": \"bf16\"", b.All.First().Config.ToJson());
        Assert.Contains("\"channelsLast\": true", c.All.First().Config.ToJson());
    }

    [Fact]
    public void The_cpu_profiles_run_channels_last_except_with_faceres_which_crashes_on_it_and_an_override_wins()
    {
        foreach (var profile in new[] { Profile.Smoke, Profile.Quick })
        {
            var settings = new ExperimentSettings { Dataset = "synthetic-ck", Profile = profile };
            foreach (var faceNet in new[] { FaceNets.Vgg16BnName, FaceNets.FaceApiResNetName, FaceNets.VggFaceName })
                Assert.Equal(new ComputeFormat { ChannelsLast = true }, settings.Resolve(faceNet).Compute);
            Assert.Equal(ComputeFormat.Fp32, settings.Resolve(FaceNets.FaceResName).Compute);
            Assert.True(settings.Set("channels_last", "on").Resolve(FaceNets.FaceResName).Compute.ChannelsLast);   // and then refused, naming the layer
            Assert.False(settings.Set("channels_last", "off").Resolve(FaceNets.Vgg16BnName).Compute.ChannelsLast);
        }
        Assert.Equal(ComputeFormat.Fp32, new ExperimentSettings { Dataset = "synthetic-ck", Profile = Profile.Paper }.Resolve(FaceNets.Vgg16Name).Compute);
    }

    [Fact]
    public void Pre_training_settings_of_a_pretrained_face_net_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => Quick.Set("pretrain.lr", 0.1).Resolve(FaceNets.FaceApiResNetName));
        Assert.Contains("'faceapi-resnet' is pretrained", e.Message);
    }

    [Fact]
    public void Assignments_parse_from_the_command_line_form()
    {
        Assert.Equal(new KeyValuePair<string, string>("stage1.lr", "3e-4"), SettingNames.Parse("Stage1.LR = 3e-4"));
        Assert.Throws<ArgumentException>(() => SettingNames.Parse("stage1.lr"));
    }

    [Fact]
    public void Describe_lists_every_setting_and_marks_overrides()
    {
        var settings = Quick.Set("stage2.lr", 0.02);
        var text = settings.Resolve(FaceNets.Vgg16BnName).Describe(settings.Overrides);
        Assert.Equal(SettingNames.All.Count, text.Split('\n').Length);
        Assert.Matches(@"(?m)^stage2\.lr\s+0\.02   \(--set\)$", text);
        Assert.Matches(@"(?m)^stage1\.lr\s+0\.0003$", text);
    }
}

/// <summary>`fn2en run --set` / `--show-config` as a user types them, with the built tool.</summary>
public sealed class RunCommandSettingsTests : IDisposable
{
    private readonly FaceNet2ExpNet.Tests.Fixtures.TempDir dir = new();

    public RunCommandSettingsTests() => FaceNet2ExpNet.Tests.Fixtures.TinyDataset.Create(dir["data/tiny"]);

    public void Dispose() => dir.Dispose();

    private (int Code, string Out, string Err) Fn2En(params string[] args)
    {
        var info = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir.Path };
        info.ArgumentList.Add(FaceNet2ExpNet.Tests.Fixtures.Repo.Tool("fn2en", "fn2en"));
        foreach (var a in new[] { "run", "--data", dir["data"], "--runs", dir["runs"], "--dataset", "tiny", "--profile", "smoke" }.Concat(args)) info.ArgumentList.Add(a);
        using var p = System.Diagnostics.Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr);
    }

    [Fact]
    public void Show_config_prints_the_effective_settings_with_the_overrides_and_trains_nothing()
    {
        var (code, stdout, stderr) = Fn2En("--face-net", "faceapi-resnet", "--set", "stage1.lr=3e-4", "--set", "finetune.epochs=20", "--show-config");
        Assert.True(code == 0, stderr);
        Assert.Contains("# tiny, profile smoke, face net faceapi-resnet, 2 folds", stdout);
        Assert.Matches(@"(?m)^stage1\.lr\s+0\.0003   \(--set\)$", stdout);
        Assert.Matches(@"(?m)^finetune\.epochs\s+20   \(--set\)$", stdout);
        Assert.Matches(@"(?m)^pretrain\.lr\s+— \(pretrained face net\)$", stdout);
        Assert.False(Directory.Exists(dir["runs"]) && Directory.EnumerateFiles(dir["runs"], "*", SearchOption.AllDirectories).Any());
    }

    [Theory]
    [InlineData("stage1.rate=1", "fn2en: error: Unknown setting 'stage1.rate'. Valid names: image_size,")]
    [InlineData("stage1.lr", "fn2en: error: --set 'stage1.lr': expected name=value")]
    [InlineData("stage2.epochs=many", "fn2en: error: stage2.epochs: 'many' is not a whole number.")]
    public void A_bad_override_is_one_line_and_exit_code_2(string assignment, string start)
    {
        var (code, _, stderr) = Fn2En("--set", assignment, "--show-config");
        Assert.Equal(2, code);
        Assert.StartsWith(start, stderr);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Every_setting_is_documented_in_docs_experiments_md()
    {
        var doc = File.ReadAllText(Path.Combine(FaceNet2ExpNet.Tests.Fixtures.Repo.Root, "docs", "experiments.md"));
        foreach (var s in SettingNames.All)
        {
            var dot = s.Name.IndexOf('.');
            var documented = doc.Contains($"`{s.Name}`") || (dot > 0 && doc.Contains($"`<method>{s.Name[dot..]}`") && doc.Contains($"`{s.Name[..dot]}`"));
            Assert.True(documented, $"{s.Name} is not in docs/experiments.md");
        }
    }
}
