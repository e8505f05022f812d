using FaceNet2ExpNet.Experiments;
using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Tests.Fixtures;

namespace FaceNet2ExpNet.Tests.Experiments;

/// <summary>
/// A run store made before run ids named only the settings each run uses (fixtures/legacy-runs: the config.json files
/// the previous version wrote for `fn2en run --profile smoke` with vgg16-bn and, fold 0, faceapi-resnet) is refused
/// until migrated once; the migration renames every run to the id this version plans for the same experiment.
/// </summary>
public sealed class RunStoreMigrationTests : IDisposable
{
    private readonly TempDir dir = new();

    public RunStoreMigrationTests()
    {
        var fixtures = Path.Combine(AppContext.BaseDirectory, "Experiments", "fixtures", "legacy-runs");
        foreach (var file in Directory.EnumerateFiles(fixtures, "config.json", SearchOption.AllDirectories))
        {
            var target = Path.Combine(dir["runs"], Path.GetRelativePath(fixtures, file));
            Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(target)!, "fold-0"));
            File.Copy(file, target);
            File.WriteAllText(Path.Combine(Path.GetDirectoryName(target)!, "fold-0", "metrics.json"), "{}");   // stands for the trained run
        }
    }

    public void Dispose() => dir.Dispose();

    private static RunPlan Plan(string faceNet, string dataFingerprint, string facesFingerprint) =>
        new("smoke", FaceNets.Spec(faceNet), Profile.Smoke.Resolve(faceNet), new DataRef("synthetic-ck", dataFingerprint), null,
            () => new DataRef("synthetic-faces", facesFingerprint), 2);

    [Fact]
    public void Legacy_runs_move_to_the_ids_this_version_plans_for_them_and_a_second_pass_moves_nothing()
    {
        Assert.True(RunStoreMigration.HasLegacyRuns(dir["runs"]));
        var log = new StringWriter();
        var moves = RunStoreMigration.Migrate(dir["runs"], log);
        Assert.Equal(8, moves.Count);
        Assert.All(moves, m => Assert.True(m.Moved));
        Assert.False(RunStoreMigration.HasLegacyRuns(dir["runs"]));
        Assert.Equal(8, log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.StartsWith("[migrate] ") && l.Contains(" → ")));

        // The legacy configs' data fingerprints (the smoke corpus they were trained on).
        var pretrain = Directory.GetDirectories(Path.Combine(dir["runs"], "synthetic-faces", "smoke", "facenet-pretrain")).Single();
        const string data = "cb1b976ca8b6";
        var vgg = Plan(FaceNets.Vgg16BnName, data, ReadFingerprint(pretrain));
        var faceApi = Plan(FaceNets.FaceApiResNetName, data, "unused");
        var expected = vgg.All.Concat(faceApi.All).Select(r => (r.Method.Key, r.Id)).ToHashSet();
        foreach (var m in moves) Assert.Contains((Path.GetFileName(Path.GetDirectoryName(m.To)!), Path.GetFileName(m.To)), expected);
        // Children name their parents' new ids, and each run kept its trained folder.
        var stage1 = vgg[Methods.Stage1, 0];
        Assert.True(File.Exists(Path.Combine(dir["runs"], "synthetic-ck", "smoke", Methods.Stage1.Key, stage1.Id, "fold-0", "metrics.json")));
        Assert.Equal(stage1.Config.ToJson().TrimEnd(),
            File.ReadAllText(Path.Combine(dir["runs"], "synthetic-ck", "smoke", Methods.Stage1.Key, stage1.Id, "config.json")).TrimEnd());

        Assert.Empty(RunStoreMigration.Migrate(dir["runs"], new StringWriter()));
    }

    [Fact]
    public void An_experiment_on_a_legacy_store_is_one_line_naming_the_migration()
    {
        FaceNet2ExpNet.Data.Synthetic.SyntheticCorpora.Ensure(FaceNet2ExpNet.Data.Synthetic.SyntheticOptions.Smoke, dir["data"]);
        var settings = new ExperimentSettings { Dataset = "synthetic-ck", Profile = Profile.Smoke, DataRoot = dir["data"], RunsRoot = dir["runs"] };
        var e = Assert.Throws<InvalidOperationException>(() => new Experiment(settings, new StringWriter()));
        Assert.Contains("run `fn2en migrate --runs", e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }

    private static string ReadFingerprint(string runFolder) =>
        System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(runFolder, "config.json")))!["data"]!["fingerprint"]!.GetValue<string>();
}
