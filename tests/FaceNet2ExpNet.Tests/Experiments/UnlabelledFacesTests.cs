using System.Text.Json.Nodes;
using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Experiments;
using FaceNet2ExpNet.Tests.Fixtures;

namespace FaceNet2ExpNet.Tests.Experiments;

/// <summary>
/// <c>stage1.unlabelled</c>: another dataset's faces join stage 1's inputs (stage 1 uses no labels), recorded in the
/// stage-1 run's config with the dataset's fingerprint; a dataset that would put a test subject's face into stage 1 is
/// refused before anything trains.
/// </summary>
[Collection("Console")]
public sealed class UnlabelledFacesTests : IDisposable
{
    private readonly TempDir dir = new();

    public UnlabelledFacesTests()
    {
        TinyDataset.Create(dir["data/tiny"], subjects: 3, perSubjectPerClass: 2, size: 40);
        TinyDataset.Create(dir["data/others"], subjects: 2, perSubjectPerClass: 3, size: 48, seed: 7, protocol: Protocol.Unlabelled, subjectPrefix: "U");   // 18 unlabelled faces of two other people
        var info = Path.Combine(dir["data/others"], "dataset.json");   // …aligned otherwise than the tiny set's
        File.WriteAllText(info, File.ReadAllText(info).Replace("none (generated)", "face-api 1.7.15 SSD MobileNet v1"));
        TinyDataset.Create(dir["data/same-people"], subjects: 2, perSubjectPerClass: 2, size: 40, folds: 2, seed: 9);                 // subjects S000, S001 again
    }

    public void Dispose() => dir.Dispose();

    private (int Code, string Out, string Err) Fn2En(params string[] args) =>
        Fn2EnProcess.Run(dir.Path, [.. args, "--data", dir["data"], "--runs", dir["runs"]]);

    private bool AnyRunFolder => Directory.Exists(dir["runs"]) && Directory.EnumerateDirectories(dir["runs"], "fold-*", SearchOption.AllDirectories).Any();

    [Theory]
    [InlineData("tiny", "stage1.unlabelled=tiny is the dataset being tested")]
    [InlineData("same-people", "shares 2 subject id(s) with")]
    [InlineData("nobody", "nobody")]
    public void A_set_that_would_show_stage_1_a_test_subject_or_does_not_exist_is_one_line_before_training(string name, string message)
    {
        var (code, _, err) = Fn2En("run", "--dataset", "tiny", "--profile", "smoke", "--face-net", "faceapi-resnet", "--set", $"stage1.unlabelled={name}");
        Assert.True(code == 2, $"exit {code}\n{err}");
        Assert.Contains(message, err);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => !l.StartsWith('['));
        Assert.DoesNotContain("   at ", err);
        Assert.False(AnyRunFolder);
    }

    [Fact]
    public void A_set_of_unlabelled_faces_is_refused_as_the_dataset_in_one_line_naming_the_setting_it_serves()
    {
        var (code, _, err) = Fn2En("run", "--dataset", "others", "--profile", "smoke", "--face-net", "faceapi-resnet");
        Assert.True(code == 2, $"exit {code}\n{err}");
        Assert.Contains("holds unlabelled faces", err);
        Assert.Contains("--set stage1.unlabelled=others", err);   // its folder under the data root, which the setting names
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => !l.StartsWith('['));
        Assert.DoesNotContain("   at ", err);
        Assert.False(AnyRunFolder);
    }

    [Fact]
    public void Stage_1_regresses_the_folds_images_and_every_unlabelled_one_and_only_its_id_changes()
    {
        var common = new[] { "run", "--dataset", "tiny", "--profile", "smoke", "--face-net", "faceapi-resnet", "--folds", "1", "--methods", "fn2en",
                             "--set", "finetune.epochs=1", "--set", "stage1.epochs=1", "--set", "stage2.epochs=1" };
        var (code, stdout, err) = Fn2En([.. common, "--set", "stage1.unlabelled=others"]);
        Assert.True(code == 0, stdout + err);
        // Fold 0 of 3 subjects trains on two of them: 2 subjects × 3 classes × 2 images = 12, plus all 18 of the others.
        Assert.Contains("stage 1 regresses 12 training images and 18 unlabelled ones", stdout);
        Assert.Contains("faces were normalised as 'face-api 1.7.15 SSD MobileNet v1', ", stdout);
        Assert.Contains("'s as 'none (generated)': stage 1 would regress faces framed unlike those it is tested on", stdout);
        var stage1 = Directory.GetDirectories(dir["runs/tiny/smoke/fn2en-stage1"]).Single();
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(stage1, "config.json")))!;
        Assert.Equal("others", (string)config["settings"]!["stage1.unlabelled"]!);
        Assert.Equal("tiny", (string)config["unlabelled"]!["name"]!);   // the other set's dataset.json names it "tiny" too: the fingerprint tells them apart
        Assert.Equal(12, ((string)config["unlabelled"]!["fingerprint"]!).Length);

        var (code2, stdout2, err2) = Fn2En(common);
        Assert.True(code2 == 0, stdout2 + err2);
        Assert.DoesNotContain("unlabelled ones", stdout2);
        Assert.Single(Directory.GetDirectories(dir["runs/tiny/smoke/vgg-finetune"]));   // the fine-tune does not use the setting: reused
        var plain = Directory.GetDirectories(dir["runs/tiny/smoke/fn2en-stage1"]).Single(d => d != stage1);
        Assert.DoesNotContain("unlabelled", File.ReadAllText(Path.Combine(plain, "config.json")));   // absent, so earlier runs keep their ids
    }
}
