using FaceNet2ExpNet.Experiments;
using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Training;

namespace FaceNet2ExpNet.Tests.Experiments;

/// <summary>Every hyper-parameter by name: profile values, the face net's schedules, overrides, and the errors of bad ones.</summary>
public class SettingsTests
{
    private static readonly ExperimentSettings Quick = new() { Dataset = "synthetic-ck", Profile = Profile.Quick };
    private static readonly DataRef Data = new("synthetic-ck", "abc");
    private static readonly DataRef Faces = new("synthetic-faces", "def");

    private static RunPlan Plan(ExperimentSettings s, string faceNet) =>
        new(s.Profile.Name, FaceNets.Spec(faceNet), s.Resolve(faceNet), Data, null, () => Faces, 1);

    /// <summary>The compute format a run of <paramref name="faceNet"/> records under <paramref name="s"/> (FN2EN's, as every run's).</summary>
    private static ComputeFormat Compute(ExperimentSettings s, string faceNet) =>
        RunConfig.For(Methods.Fn2En, FaceNets.Spec(faceNet), s.Resolve(faceNet), s.Profile.Name, Data, null).Compute;

    [Fact]
    public void The_profile_and_the_face_nets_schedules_give_the_effective_settings()
    {
        var s = Quick.Resolve(FaceNets.Vgg16BnName);
        Assert.Equal(3e-4, s.ScheduleOf(Methods.Stage1).Lr);
        Assert.Equal(250, s.ScheduleOf(Methods.Stage1).ClipGradNorm);
        Assert.True(s.Has(Methods.Pretrain.Schedule.Lr));   // the profile's pre-training schedule for a net trained here
        Assert.NotNull(Plan(Quick, FaceNets.Vgg16BnName).Pretrain);
        var pretrained = Quick.Resolve(FaceNets.FaceApiResNetName);
        Assert.False(pretrained.Has(Methods.Pretrain.Schedule.Lr));
        Assert.Null(Plan(Quick, FaceNets.FaceApiResNetName).Pretrain);   // a pretrained face net is not pre-trained here
    }

    [Fact]
    public void Overrides_apply_in_order_and_parse_in_the_invariant_culture()
    {
        var s = Quick.Set("stage1.lr", "3e-5").Set("finetune.epochs", 20).Set("stage1.lr", 0.5).Set("width", 0.25)
            .Set("stage1.clip_grad_norm", "none").Set("folds", "all").Resolve(FaceNets.Vgg16BnName);
        Assert.Equal(0.5, s.ScheduleOf(Methods.Stage1).Lr);
        Assert.Equal(20, s.ScheduleOf(Methods.FineTune).Epochs);
        Assert.Equal(0.25, s.Get(Setting.Width));
        Assert.Null(s.ScheduleOf(Methods.Stage1).ClipGradNorm);
        Assert.Equal(0, s.Get(Setting.Folds));   // 0 = every fold of the dataset
        Assert.Equal("all", s.Text(Setting.Folds));
    }

    [Fact]
    public void An_unknown_name_is_one_line_listing_the_valid_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => Quick.Set("stage1.learning_rate", 1e-3));
        Assert.StartsWith("Unknown setting 'stage1.learning_rate'. Valid names: image_size, input_size, width, folds, split, batch_size", e.Message);
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
        Assert.Equal(message, Assert.Throws<ArgumentException>(() => Quick.Set(name, value)).Message);

    [Theory]
    [InlineData("precision", "fp16", "precision: 'fp16' is not one of fp32, bf16, auto.")]
    [InlineData("channels_last", "maybe", "channels_last: 'maybe' is not on or off.")]
    public void A_bad_precision_or_memory_format_is_named(string name, string value, string message) =>
        Assert.Equal(message, Assert.Throws<ArgumentException>(() => Quick.Set(name, value)).Message);

    [Fact]
    public void Precision_and_channels_last_are_settings_that_reach_every_runs_config_and_id()
    {
        var fp32 = Quick.Set("precision", "fp32").Set("channels_last", "off");
        var bf16 = Quick.Set("precision", "bf16").Set("channels_last", "off");
        var channelsLast = fp32.Set("channels_last", "on");
        Assert.Equal(new ComputeFormat { Precision = Precision.Bf16 }, Compute(bf16, FaceNets.Vgg16BnName));
        Assert.True(Compute(channelsLast, FaceNets.Vgg16BnName).ChannelsLast);
        RunPlan PlanOf(ExperimentSettings s) => Plan(s, FaceNets.Vgg16BnName);
        var (a, b, c) = (PlanOf(fp32), PlanOf(bf16), PlanOf(channelsLast));
        foreach (var run in a.All)
        {
            var k = run.Fold ?? 0;
            Assert.NotEqual(run.Id, b[run.Method, k].Id);
            Assert.NotEqual(run.Id, c[run.Method, k].Id);
            Assert.Equal(Precision.Bf16, b[run.Method, k].Config.Compute.Precision);
            // Every config records both, the default format too.
            Assert.Contains("\"precision\": \"fp32\"", run.Config.ToJson());
            Assert.Contains("\"channels_last\": \"off\"", run.Config.ToJson());
        }
        Assert.Equal(PlanOf(Quick)[Methods.Fn2En, 0].Id, c[Methods.Fn2En, 0].Id);   // the quick profile's default: fp32, channels-last
        Assert.Contains("\"precision\": \"bf16\"", b.All.First().Config.ToJson());
        Assert.Contains("\"channels_last\": \"on\"", c.All.First().Config.ToJson());

        // A setting that does not decide a run leaves its id unchanged: a pretrained face net keeps its own width.
        var resnet = Plan(Quick, FaceNets.FaceApiResNetName);
        var wide = Plan(Quick.Set("width", 1), FaceNets.FaceApiResNetName);
        Assert.Equal(resnet[Methods.FineTune, 0].Id, wide[Methods.FineTune, 0].Id);
        Assert.DoesNotContain("\"width\"", resnet[Methods.FineTune, 0].Config.ToJson());
        foreach (var method in new[] { Methods.ScratchBn, Methods.Stage1, Methods.Fn2En })
            Assert.NotEqual(resnet[method, 0].Id, wide[method, 0].Id);
        // Stage 2's rate decides stage 2 only.
        var stage2 = Plan(Quick.Set("stage2.lr", 0.02), FaceNets.Vgg16BnName);
        var quick = PlanOf(Quick);
        foreach (var method in new[] { Methods.FineTune, Methods.ScratchBn, Methods.Stage1 })
            Assert.Equal(quick[method, 0].Id, stage2[method, 0].Id);
        Assert.Equal(quick.Pretrain!.Id, stage2.Pretrain!.Id);
        Assert.NotEqual(quick[Methods.Fn2En, 0].Id, stage2[Methods.Fn2En, 0].Id);
        Assert.DoesNotContain("stage2.lr", stage2[Methods.Stage1, 0].Config.ToJson());
    }

    [Fact]
    public void A_setting_added_later_keeps_earlier_runs_ids_at_its_neutral_value_and_changes_them_off_it()
    {
        var cpu = new ExperimentSettings { Dataset = "synthetic-ck", Profile = Profile.Cpu }.Set("stage1.target_augmentations", 0);
        var plain = Plan(cpu.Set("stage1.mixup", 0), FaceNets.FaceApiResNetName);
        var stage1 = plain[Methods.Stage1, 0].Config;
        // Mixup 0 is how stage 1 ran before the setting existed: not in the config, so the id is the one it had then.
        Assert.DoesNotContain("stage1.mixup", stage1.ToJson());
        Assert.Equal(0.0, stage1.Get(Setting.Mixup));
        Assert.Equal(plain[Methods.Stage1, 0].Id, Plan(cpu.Set("stage1.mixup", 0.0), FaceNets.FaceApiResNetName)[Methods.Stage1, 0].Id);
        var mixed = Plan(cpu, FaceNets.FaceApiResNetName);   // the cpu profile's own: mixup 1
        Assert.Contains("\"stage1.mixup\": \"1\"", mixed[Methods.Stage1, 0].Config.ToJson());
        Assert.Equal(1.0, mixed[Methods.Stage1, 0].Config.Get(Setting.Mixup));
        foreach (var method in new[] { Methods.Stage1, Methods.Fn2En })
            Assert.NotEqual(plain[method, 0].Id, mixed[method, 0].Id);
        foreach (var method in new[] { Methods.FineTune, Methods.ScratchBn })
            Assert.Equal(plain[method, 0].Id, mixed[method, 0].Id);
    }

    [Fact]
    public void Stage_2s_mixup_decides_fn2en_runs_only_and_leaves_ids_unchanged_at_zero()
    {
        var cpu = new ExperimentSettings { Dataset = "synthetic-ck", Profile = Profile.Cpu };
        var plain = Plan(cpu, FaceNets.FaceApiResNetName);
        var zero = Plan(cpu.Set("stage2.mixup", 0.0), FaceNets.FaceApiResNetName);
        var mixed = Plan(cpu.Set("stage2.mixup", 0.4), FaceNets.FaceApiResNetName);
        Assert.DoesNotContain("stage2.mixup", plain[Methods.Fn2En, 0].Config.ToJson());
        foreach (var method in new[] { Methods.FineTune, Methods.ScratchBn, Methods.Stage1, Methods.Fn2En })
            Assert.Equal(plain[method, 0].Id, zero[method, 0].Id);
        foreach (var method in new[] { Methods.FineTune, Methods.ScratchBn, Methods.Stage1 })
            Assert.Equal(plain[method, 0].Id, mixed[method, 0].Id);
        Assert.NotEqual(plain[Methods.Fn2En, 0].Id, mixed[Methods.Fn2En, 0].Id);
        Assert.Equal(0.4, mixed[Methods.Fn2En, 0].Config.Get(Setting.Stage2Mixup));
    }

    [Fact]
    public void The_cpu_profiles_run_channels_last_with_every_face_net_and_an_override_wins()
    {
        foreach (var profile in new[] { Profile.Smoke, Profile.Quick })
        {
            var settings = new ExperimentSettings { Dataset = "synthetic-ck", Profile = profile };
            foreach (var faceNet in new[] { FaceNets.Vgg16BnName, FaceNets.FaceApiResNetName, FaceNets.FaceResName, FaceNets.VggFaceName })
                Assert.Equal(new ComputeFormat { ChannelsLast = true }, Compute(settings, faceNet));
            Assert.False(Compute(settings.Set("channels_last", "off"), FaceNets.Vgg16BnName).ChannelsLast);
        }
        var cpu = new ExperimentSettings { Dataset = "synthetic-ck", Profile = Profile.Cpu };
        foreach (var faceNet in new[] { FaceNets.Vgg16BnName, FaceNets.FaceApiResNetName, FaceNets.FaceResName, FaceNets.VggFaceName })
            Assert.True(Compute(cpu, faceNet).ChannelsLast, faceNet);
        Assert.False(Compute(cpu.Set("channels_last", "off"), FaceNets.FaceResName).ChannelsLast);
        // Scratch-BN does not use the face net: with faceres it is the same run as with faceapi-resnet.
        Assert.Equal(Plan(cpu, FaceNets.FaceApiResNetName)[Methods.ScratchBn, 0].Id, Plan(cpu, FaceNets.FaceResName)[Methods.ScratchBn, 0].Id);
        Assert.Contains(cpu.Resolve(FaceNets.FaceApiResNetName).Get(Setting.Precision), new[] { "fp32", "bf16" });   // auto, decided for this CPU
        Assert.Equal(ComputeFormat.Fp32, Compute(new ExperimentSettings { Dataset = "synthetic-ck", Profile = Profile.Paper }, FaceNets.Vgg16Name));
    }

    [Fact]
    public void Pre_training_settings_of_a_pretrained_face_net_are_refused()
    {
        using var dir = new FaceNet2ExpNet.Tests.Fixtures.TempDir();
        FaceNet2ExpNet.Tests.Fixtures.TinyDataset.Create(dir["data/tiny"]);
        var settings = new ExperimentSettings
        {
            Dataset = "tiny", Profile = Profile.Quick, DataRoot = dir["data"], RunsRoot = dir["runs"], FaceNet = FaceNets.FaceApiResNetName,
        }.Set("pretrain.lr", 0.1);
        var e = Assert.Throws<ArgumentException>(() => new Experiment(settings, TextWriter.Null));
        Assert.Contains("face net 'faceapi-resnet' is pretrained", e.Message);
        Assert.StartsWith("pretrain.lr: ", e.Message);
    }

    [Fact]
    public void Assignments_parse_from_the_command_line_form()
    {
        var (setting, value) = Setting.ParseAssignment("Stage1.LR = 3e-4");
        Assert.Same(Methods.Stage1.Schedule.Lr, setting);
        Assert.Equal("stage1.lr", setting.Name);
        Assert.Equal("3e-4", value);
        Assert.Throws<ArgumentException>(() => Setting.ParseAssignment("stage1.lr"));
        Assert.Throws<ArgumentException>(() => Setting.ParseAssignment("stage1.rate=1"));
    }

    [Fact]
    public void Describe_lists_every_setting_marks_overrides_and_names_the_runs_each_decides()
    {
        var settings = Quick.Set("stage2.lr", 0.02);
        var text = SettingsDescription.Of(settings.Resolve(FaceNets.Vgg16BnName), settings.Overrides, FaceNets.Spec(FaceNets.Vgg16BnName));
        Assert.Equal(Setting.All.Count, text.Split('\n').Length);
        Assert.Matches(@"(?m)^stage2\.lr\s+0\.02\s+\(--set\)\s+→ fn2en$", text);
        Assert.Matches(@"(?m)^stage1\.lr\s+0\.0003\s+→ fn2en-stage1$", text);
        Assert.Matches(@"(?m)^width\s+0\.125\s+→ facenet-pretrain, vgg-finetune, scratch-bn, fn2en-stage1, fn2en$", text);
        Assert.Matches(@"(?m)^folds\s+5\s+→ the plan$", text);
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
        Assert.Matches(@"(?m)^stage1\.lr\s+0\.0003\s+\(--set\)\s+→ fn2en-stage1$", stdout);
        Assert.Matches(@"(?m)^finetune\.epochs\s+20\s+\(--set\)\s+→ vgg-finetune$", stdout);
        Assert.Matches(@"(?m)^pretrain\.lr\s+\S+\s+→ no run$", stdout);   // a pretrained face net has no pre-training run
        Assert.Matches(@"(?m)^width\s+\S+\s+→ scratch-bn, fn2en-stage1, fn2en$", stdout);   // it keeps its own width
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
        foreach (var s in Setting.All)
        {
            var dot = s.Name.IndexOf('.');
            var documented = doc.Contains($"`{s.Name}`") || (dot > 0 && doc.Contains($"`<method>{s.Name[dot..]}`") && doc.Contains($"`{s.Name[..dot]}`"));
            Assert.True(documented, $"{s.Name} is not in docs/experiments.md");
        }
    }
}
