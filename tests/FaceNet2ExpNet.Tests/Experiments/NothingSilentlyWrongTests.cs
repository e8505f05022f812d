using System.Text.Json.Nodes;
using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Data.Synthetic;
using FaceNet2ExpNet.Experiments;
using FaceNet2ExpNet.Tests.Fixtures;

namespace FaceNet2ExpNet.Tests.Experiments;

/// <summary>
/// Issue 24's faults, each as a user met it: bad input is one line before anything trains, nothing prepared is replaced
/// behind the user's back, and no figure comes from data it does not name.
/// </summary>
[Collection("Console")]
public sealed class NothingSilentlyWrongTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    private (int Code, string Out, string Err) Fn2En(params string[] args) =>
        Fn2EnProcess.Run(dir.Path, [.. args, "--data", dir["data"], "--runs", dir["runs"]]);

    private static void AssertOneLine(string err) =>
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => !l.StartsWith('['));

    private bool AnyRunFolder => Directory.Exists(dir["runs"]) && Directory.EnumerateDirectories(dir["runs"], "fold-*", SearchOption.AllDirectories).Any();

    [Fact]
    public void A_dataset_of_uniform_images_is_refused_naming_it_before_any_training()
    {
        var ds = TinyDataset.Create(dir["data/tiny"], subjects: 3, perSubjectPerClass: 2, size: 40);
        foreach (var row in ds.Rows)
            File.WriteAllBytes(Path.Combine(ds.Root, row.Path), ImageEncoder.Png(new byte[40 * 40 * 3], 40, 40));   // all black
        var e = Assert.Throws<DatasetFormatException>(() => ds.Load(40));
        Assert.Contains("all 18 images are a single uniform colour", e.Message);
        Assert.Contains(Path.Combine(ds.Root, "manifest.csv"), e.Message);
    }

    [Fact]
    public void A_declared_class_without_images_is_refused_by_check_and_training()
    {
        var ds = TinyDataset.Create(dir["data/tiny"], subjects: 3, perSubjectPerClass: 2, size: 40, classes: ["anger", "happy", "surprise", "fear"]);
        var manifest = File.ReadAllLines(Path.Combine(ds.Root, "manifest.csv"));
        File.WriteAllLines(Path.Combine(ds.Root, "manifest.csv"), manifest.Where(l => !l.Contains(",fear,")));
        var (code, _, err) = DataPrepCli.Run(FaceNet2ExpNet.DataPrep.CheckCommand.Create(), ds.Root);
        Assert.Equal(2, code);
        Assert.Contains("declares the class fear, but manifest.csv lists no image of it", err);
        var run = Fn2En("run", "--dataset", "tiny", "--profile", "smoke", "--face-net", "faceapi-resnet");
        Assert.Equal(2, run.Code);
        Assert.Contains("declares the class fear", run.Err);
        Assert.False(AnyRunFolder);
    }

    [Fact]
    public void Settings_that_cannot_work_are_one_line_before_a_run_folder_exists()
    {
        TinyDataset.Create(dir["data/tiny"], subjects: 3, perSubjectPerClass: 2, size: 40);
        foreach (var (args, message) in new[]
                 {
                     (new[] { "--set", "image_size=4" }, "input_size 32 is larger than image_size 4"),
                     (new[] { "--face-net", "vggface" }, "VGG-Face weights not found"),
                     (new[] { "--device", "cuda" }, "--device cuda: CUDA is not available"),
                     (new[] { "--set", "precision=fp16" }, "precision: 'fp16' is not one of fp32, bf16, auto."),
                     (new[] { "--methods", "" }, "--methods is empty"),
                     (new[] { "--set", "pretrain.lr=0.1", "--face-net", "faceapi-resnet" }, "face net 'faceapi-resnet' is pretrained"),
                     (new[] { "--set", "stage1.mixup=1", "--set", "stage1.target_augmentations=4" }, "add --set stage1.target_augmentations=0"),
                 })
        {
            var (code, _, err) = Fn2En(["run", "--dataset", "tiny", "--profile", "Smoke", .. args]);   // the profile's name in any case
            Assert.True(code == 2, $"{string.Join(' ', args)}: exit {code}\n{err}");
            Assert.Contains(message, err);
            AssertOneLine(err);
            Assert.DoesNotContain("   at ", err);
            Assert.False(AnyRunFolder, $"{string.Join(' ', args)} created a run folder");
        }
    }

    [Fact]
    public void A_fold_that_cannot_learn_a_class_it_tests_is_warned_about()
    {
        // Subject S000 alone shows "surprise": in fold 0 (its test fold) no training image has the class.
        var ds = TinyDataset.Create(dir["data/tiny"], subjects: 3, perSubjectPerClass: 2, size: 40, folds: 3);
        var lines = File.ReadAllLines(Path.Combine(ds.Root, "manifest.csv"));
        File.WriteAllLines(Path.Combine(ds.Root, "manifest.csv"), lines.Where(l => !l.Contains(",surprise,") || l.Contains("S000")));
        var log = new StringWriter();
        using var e = new Experiment(new ExperimentSettings { Dataset = "tiny", Profile = Profile.Smoke, DataRoot = dir["data"], RunsRoot = dir["runs"] }, log);
        Assert.Contains("warning: fold 0: no training image of surprise", log.ToString());
    }

    [Fact]
    public void A_synthetic_corpus_made_for_a_smaller_profile_is_refused_and_data_prep_never_replaces_other_data()
    {
        SyntheticCorpora.Ensure(SyntheticOptions.Smoke, dir["data"]);   // 40 px
        var (code, _, err) = Fn2En("run", "--profile", "quick");            // loads 72 px
        Assert.Equal(2, code);
        Assert.Contains("is stored at 40 px but profile quick loads images at 72 px", err);
        Assert.Contains("data-prep synthetic --profile quick", err);
        var e = Assert.Throws<InvalidOperationException>(() => SyntheticCorpora.Ensure(SyntheticOptions.Default, dir["data"]));
        Assert.Contains("use another --data folder, or --force", e.Message);
        Assert.Equal(152, PreparedDataset.Open(Path.Combine(dir["data"], ExpressionCorpus.Name8)).Rows.Count);   // untouched
    }

    [Fact]
    public void Log_csv_grows_epoch_by_epoch_and_results_files_name_their_setup()
    {
        SyntheticCorpora.Ensure(SyntheticOptions.Smoke, dir["data"]);
        var (code, _, err) = Fn2En("run", "--profile", "smoke", "--methods", "scratch-bn", "--set", "scratch.epochs=3");
        Assert.True(code == 0, err);
        var log = Directory.EnumerateFiles(dir["runs"], "log.csv", SearchOption.AllDirectories).First();
        Assert.Equal(1 + 3, File.ReadAllLines(log).Length);
        var results = Directory.GetFiles(Path.Combine(dir["runs"], ExpressionCorpus.Name8, "smoke"), "results-*.json").Single();
        var json = JsonNode.Parse(File.ReadAllText(results))!;
        Assert.Equal("3", json["settings"]!["overrides"]!["scratch.epochs"]!.GetValue<string>());
        Assert.Contains("data ", json["Setup"]!.GetValue<string>());
    }

    [Fact]
    public void Without_a_profile_a_real_dataset_runs_at_the_papers_architecture_and_the_embedded_default_at_quick()
    {
        TinyDataset.Create(dir["data/tiny"], subjects: 3, perSubjectPerClass: 2, size: 128);
        var (code, stdout, err) = Fn2En("run", "--dataset", "tiny", "--show-config");
        Assert.True(code == 0, err);
        Assert.Contains("profile cpu, face net faceapi-resnet", stdout);
        Assert.Matches(@"(?m)^width\s+1\s", stdout);
        SyntheticCorpora.Ensure(SyntheticOptions.Smoke with { ImageSize = 72 }, dir["data"]);
        (code, stdout, err) = Fn2En("run", "--dataset", ExpressionCorpus.Name8, "--show-config");
        Assert.True(code == 0, err);
        Assert.Contains("profile quick, face net vgg16-bn", stdout);
    }

    [Fact]
    public void A_users_own_dataset_trains_with_a_pretrained_face_net_without_the_synthetic_corpora()
    {
        // A fresh data root holds only the user's import: no synthetic-faces, which only a face net trained here needs.
        TinyDataset.Create(dir["data/tiny"], subjects: 3, perSubjectPerClass: 2, size: 40);
        var (code, stdout, err) = Fn2En("run", "--dataset", "tiny", "--profile", "smoke", "--face-net", "faceapi-resnet", "--folds", "0",
            "--methods", "vgg-finetune", "--set", "finetune.epochs=1");
        Assert.True(code == 0, stdout + err);
        Assert.Contains("[vgg-finetune fold-0] done: test accuracy", stdout);
        Assert.False(Directory.Exists(dir["data/synthetic-faces"]));
    }
}
