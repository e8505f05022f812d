using FaceNet2ExpNet.Experiments;
using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Reporting;
using FaceNet2ExpNet.Tests.Fixtures;
using FaceNet2ExpNet.Training;

namespace FaceNet2ExpNet.Tests.Reporting;

/// <summary>
/// Notebook 05's table at the paper's architecture (<see cref="Ours.ProfileComparison"/>): read from a run store whose
/// finished runs are written here by hand — accuracies in metrics.json, epoch times in log.csv — never trained.
/// </summary>
public sealed class ProfileComparisonTests : IDisposable
{
    private readonly TempDir dir = new();
    private readonly ExperimentSettings settings;

    public ProfileComparisonTests()
    {
        TinyDataset.Create(dir["data/synthetic-ck"], subjects: 3, perSubjectPerClass: 2, folds: 3);
        // The notebook's settings (quick): the table reads the cpu profile's runs, whatever the notebook's profile.
        settings = ExperimentSettings.For("synthetic-ck", "quick") with { DataRoot = dir["data"], RunsRoot = dir["runs"] };
    }

    public void Dispose() => dir.Dispose();

    private Experiment Cpu(string faceNet) => new(settings with { Profile = Profile.Cpu, FaceNet = faceNet }, TextWriter.Null);

    private Run Run(Experiment experiment, MethodSpec method, int k)
    {
        var planned = experiment.Plan[method, k];
        return new RunStore(dir["runs"]).Open(planned.Config, planned.FoldName);
    }

    /// <summary>Writes a finished run: metrics.json (its own seconds 0, as stage-1 runs once wrote) and the given log.csv.</summary>
    private void Finish(Experiment experiment, MethodSpec method, int k, double? accuracy, string log)
    {
        var run = Run(experiment, method, k);
        string[] classes = accuracy is null ? [] : TinyDataset.DefaultClasses;
        run.Finish(new FoldMetrics { Accuracy = accuracy, Classes = classes, Confusion = classes.Select(_ => new int[classes.Length]).ToArray(), Seconds = 0 },
            new TrainingHistory());
        File.WriteAllText(Path.Combine(run.Folder, "log.csv"), log);
    }

    /// <summary>log.csv as <see cref="Run.WriteLog"/> writes it, one line per epoch's seconds (loss, lr and accuracy are decoys).</summary>
    private static string Log(params double[] seconds) =>
        "epoch,loss,lr,seconds,test_acc\n" + string.Concat(seconds.Select((s, i) => FormattableString.Invariant($"{i + 1},{1.5 + i},0.001,{s},0.{i + 3}\n")));

    private Table Comparison() => Assert.IsType<Table>(Ours.ProfileComparison(settings, Profile.Cpu.Name));

    [Fact]
    public void Rows_per_face_net_and_method_with_mean_std_folds_finished_and_minutes_per_fold_summed_from_log_csv()
    {
        using (var faceApi = Cpu(FaceNets.FaceApiResNetName))
        {
            // Folds 0 and 1: all four runs. Fold 0: 120 + 90 + 200 + 90 = 500 s; fold 1: 100 + 80 + 300 + 120 = 600 s.
            Finish(faceApi, Methods.FineTune, 0, 0.8, Log(60, 60));
            Finish(faceApi, Methods.ScratchBn, 0, 0.5, Log(30, 30, 30));
            Finish(faceApi, Methods.Stage1, 0, null, Log(100.5, 99.5));
            Finish(faceApi, Methods.Fn2En, 0, 0.75, Log(45, 45));
            Finish(faceApi, Methods.FineTune, 1, 0.9, Log(100));
            Finish(faceApi, Methods.ScratchBn, 1, 0.7, Log(40, 40));
            Finish(faceApi, Methods.Stage1, 1, null, Log(150, 75, 75));
            Finish(faceApi, Methods.Fn2En, 1, 0.85, Log(120));
            // Fold 2: fine-tune and scratch-BN only — in their rows, not in the minutes per fold (its FN2EN is not finished).
            Finish(faceApi, Methods.FineTune, 2, 1.0, Log(5000));
            Finish(faceApi, Methods.ScratchBn, 2, 0.6, Log(5000));
        }

        var table = Comparison();
        Assert.Equal(["Face net", "Method", "Ours (mean ± std over folds)", "Folds finished", "Paper",
            "Minutes per fold (sum of its 4 runs' epoch times: no teacher-target caching or data loading)"], table.Header);
        // (500 + 600) / 2 s = 9.17 min.
        Assert.Equal<IReadOnlyList<string>>(
        [
            ["faceapi-resnet", "Train From Scratch (BN)", "60.0 ± 10.0 %", "3 of 3", "88.7 %", "9.2 (2 folds)"],
            ["faceapi-resnet", "VGG Fine-Tune (baseline)", "90.0 ± 10.0 %", "3 of 3", "89.9 %", "9.2 (2 folds)"],
            ["faceapi-resnet", "FN2EN", "80.0 ± 7.1 %", "2 of 3", "96.8 %", "9.2 (2 folds)"],
        ], table.Rows.Take(3).ToList());

        // faceres: scratch-BN does not use the face net, so its runs are the ones above; the face-net methods are not
        // trained yet, each row with the command that trains them, and no fold is complete.
        var faceRes = table.Rows.Skip(3).ToList();
        Assert.Equal(3, faceRes.Count);
        Assert.Equal(["faceres", "Train From Scratch (BN)", "60.0 ± 10.0 %", "3 of 3", "88.7 %", "—"], faceRes[0]);
        foreach (var (row, method) in faceRes.Skip(1).Zip(new[] { "VGG Fine-Tune (baseline)", "FN2EN" }))
            Assert.Equal(["faceres", method, $"not trained yet: fn2en run --dataset synthetic-ck --profile cpu --face-net faceres --data {dir["data"]} --runs {dir["runs"]}",
                "0 of 3", method == "FN2EN" ? "96.8 %" : "89.9 %", "—"], row);
    }

    [Fact]
    public void Fold_time_is_the_sum_of_every_epoch_of_every_run_of_the_fold()
    {
        using var experiment = Cpu(FaceNets.FaceApiResNetName);
        Finish(experiment, Methods.FineTune, 0, 0.8, Log(1, 2));
        Finish(experiment, Methods.ScratchBn, 0, 0.5, Log(4, 8, 16));
        Finish(experiment, Methods.Stage1, 0, null, Log(32.25));
        Assert.Null(experiment.FoldSeconds(0));   // FN2EN not finished yet
        Finish(experiment, Methods.Fn2En, 0, 0.75, Log(64, 128));
        Assert.Equal(255.25, experiment.FoldSeconds(0));
        Assert.Null(experiment.FoldSeconds(1));
    }

    [Fact]
    public void A_method_without_a_finished_fold_says_how_to_train_it_and_a_damaged_log_is_named()
    {
        string fn2enLog, fineTune;
        using (var faceApi = Cpu(FaceNets.FaceApiResNetName))
        {
            Finish(faceApi, Methods.FineTune, 0, 0.8, Log(60));
            Finish(faceApi, Methods.ScratchBn, 0, 0.5, Log(30));
            Finish(faceApi, Methods.Stage1, 0, null, Log(100));
            Finish(faceApi, Methods.Fn2En, 0, 0.75, "epoch,loss,lr,seconds\n1,1.5,0.001,forty\n");
            fn2enLog = Path.Combine(Run(faceApi, Methods.Fn2En, 0).Folder, "log.csv");
            fineTune = Run(faceApi, Methods.FineTune, 0).Folder;
        }
        var rows = Comparison().Rows;
        var command = $"fn2en run --dataset synthetic-ck --profile cpu --face-net faceapi-resnet --data {dir["data"]} --runs {dir["runs"]}";
        Assert.Equal(["faceapi-resnet", "FN2EN", "75.0 ± 0.0 %", "1 of 3"], rows[2].Take(4));
        Assert.Equal($"— ({fn2enLog} line 2 is damaged (seconds 'forty' is not a number of seconds))", rows[0][5]);

        File.Delete(Path.Combine(fineTune, "metrics.json"));   // fine-tune's only finished fold is not finished any more
        rows = Comparison().Rows;
        Assert.Equal(["faceapi-resnet", "VGG Fine-Tune (baseline)", $"not trained yet: {command}", "0 of 3", "89.9 %", "—"], rows[1]);
    }

    [Fact]
    public void On_an_empty_run_store_each_face_net_shows_the_command_and_nothing_is_written()
    {
        var rows = Comparison().Rows;
        Assert.Equal(["faceapi-resnet", "faceres"], rows.Select(r => r[0]));
        Assert.All(rows, r => Assert.StartsWith("not trained yet: fn2en run --dataset synthetic-ck --profile cpu --face-net ", r[2]));
        Assert.False(Directory.Exists(dir["runs"]), "reading the table wrote to the run store");
    }

    [Fact]
    public void A_dataset_that_is_not_prepared_is_a_note()
    {
        Assert.IsType<Note>(Ours.ProfileComparison(settings with { Dataset = "ck-plus" }, Profile.Cpu.Name));
    }

    [Fact]
    public void A_synthetic_corpus_too_small_for_the_profile_is_said_in_the_table_not_thrown()
    {
        // CI runs notebook 05 on the smoke corpus (40 px), which the cpu profile (112 px) refuses to scale up.
        using var smoke = new TempDir();
        FaceNet2ExpNet.Data.Synthetic.SyntheticCorpora.Ensure(FaceNet2ExpNet.Data.Synthetic.SyntheticOptions.Smoke, smoke["data"]);
        var table = Assert.IsType<Table>(Ours.ProfileComparison(
            ExperimentSettings.For("synthetic-ck", "smoke") with { DataRoot = smoke["data"], RunsRoot = smoke["runs"] }, Profile.Cpu.Name));
        Assert.Equal([FaceNets.FaceApiResNetName, FaceNets.FaceResName], table.Rows.Select(r => r[0]));
        Assert.All(table.Rows, r => Assert.Contains("not on this data: ", r[2]));
        Assert.All(table.Rows, r => Assert.Contains("stored at 40 px but profile cpu loads images at 112 px", r[2]));
    }
}
