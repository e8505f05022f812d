using System.Text.Json;
using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Data.Alignment;
using FaceNet2ExpNet.Data.Synthetic;
using FaceNet2ExpNet.Experiments;
using FaceNet2ExpNet.Prediction;
using FaceNet2ExpNet.Reporting;
using FaceNet2ExpNet.Tests.FaceApi;
using FaceNet2ExpNet.Tests.Fixtures;
using FaceNet2ExpNet.Training;

namespace FaceNet2ExpNet.Tests.Prediction;

/// <summary>A micro FN2EN model of fold 0, trained once for the prediction tests, and its fold's test images as an ImageFolder tree.</summary>
public sealed class MicroModel : IDisposable
{
    private readonly TempDir dir = new();

    public MicroModel()
    {
        SyntheticCorpora.Ensure(Micro.Corpus, dir["data"]);
        using var e = new Experiment(Settings, new StringWriter());
        var run = e.Ensure(Methods.Fn2En, 0);
        (RunFolder, Metrics) = (run.Folder, run.Metrics);
        foreach (var row in e.Dataset.Fold(0).Test.Select(i => e.Dataset.Rows[i]))
        {
            var target = Path.Combine(TestImages, e.Dataset.Classes[row.Label], Path.GetFileName(row.Path));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(e.Dataset.Root, row.Path), target);
        }
    }

    public ExperimentSettings Settings => Micro.Settings(dir);
    public string Data => dir["data"];
    public string RunFolder { get; }
    public FoldMetrics Metrics { get; }
    /// <summary>Fold 0's test images as &lt;class&gt;/&lt;file&gt; (ImageFolder), as a user would copy them out.</summary>
    public string TestImages => dir["fold0-test"];

    public void Dispose() => dir.Dispose();
}

/// <summary>
/// `fn2en predict` and <see cref="Fn2EnModel"/>: on a fold's test images the predictions are the ones the run's
/// metrics.json counted; bad files are one line each; faces are found as the training data's were.
/// </summary>
[Collection(TorchRng.Collection)]
public sealed class PredictTests(MicroModel model, FaceApiNets faceApi) : IClassFixture<MicroModel>, IClassFixture<FaceApiNets>, IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    private (int Code, string Out, string Err) Predict(params string[] args) =>
        Fn2EnProcess.Run(dir.Path, ["predict", "--model", model.RunFolder, "--data", model.Data, .. args]);

    private static List<string[]> Rows(string csv) => csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')).ToList();

    [Fact]
    public void On_a_folds_test_images_the_predictions_are_those_the_runs_metrics_counted()
    {
        // --aligner none: each test image as evaluation saw it (the synthetic faces are rendered aligned).
        var (code, stdout, stderr) = Predict("--aligner", "none", model.TestImages);
        Assert.True(code == 0, stderr);
        var rows = Rows(stdout);
        Assert.Equal(["file", "face", "x", "y", "width", "height", "expression", "confidence", .. model.Metrics.Classes], rows[0]);
        var faces = rows.Skip(1).ToList();
        Assert.Equal(model.Metrics.TestImages, faces.Count);   // one face per image: the synthetic faces are rendered aligned (centre crop)
        Assert.All(faces, f => Assert.Equal(["0", "0", "0", "36", "36"], f[1..6]));
        Assert.All(faces, f => Assert.Equal(1.0, f[8..].Sum(p => double.Parse(p, System.Globalization.CultureInfo.InvariantCulture)), 4));

        // The confusion matrix of the predictions (true class = the folder) is the run's, cell for cell.
        var classes = model.Metrics.Classes.ToList();
        var confusion = classes.Select(_ => new int[classes.Count]).ToArray();
        foreach (var f in faces) confusion[classes.IndexOf(Path.GetFileName(Path.GetDirectoryName(f[0])!))][classes.IndexOf(f[6])]++;
        Assert.Equal(model.Metrics.Confusion, confusion);
        // …so the accuracy of the predictions is metrics.json's, exactly.
        var right = faces.Count(f => Path.GetFileName(Path.GetDirectoryName(f[0])!) == f[6]);
        Assert.Equal(model.Metrics.Accuracy, (double)right / faces.Count);
        Assert.Contains($"[predict] {faces.Count} face(s) in {faces.Count} of {faces.Count} image(s)", stderr);
    }

    [Fact]
    public void Image_by_image_the_probabilities_are_evaluations_on_the_prepared_dataset()
    {
        // The trained micro model's outputs barely depend on its input (probabilities equal to 4 digits), which would
        // hide a wrong crop, resize or normalisation; a randomly initialised ExpNet's do not. So: the same run folder,
        // with random weights in its checkpoint.
        var copy = dir["runs/fn2en/id"];
        Directory.CreateDirectory(copy);
        File.Copy(Path.Combine(Path.GetDirectoryName(model.RunFolder)!, "config.json"), Path.Combine(copy, "config.json"));
        var run = Path.Combine(copy, "fold-0");
        Directory.CreateDirectory(run);
        File.Copy(Path.Combine(model.RunFolder, "metrics.json"), Path.Combine(run, "metrics.json"));
        using var e = new Experiment(model.Settings, new StringWriter());
        TorchSharp.torch.manual_seed(7);
        using var net = new FaceNet2ExpNet.Networks.ExpNet(e.ExpNetOptions(e.Plan[Methods.Fn2En, 0].Config));
        using (var sgd = TorchSharp.torch.optim.SGD(net.parameters(), 0.01)) Checkpoint.Save(Path.Combine(run, "checkpoints"), net, sgd, new TrainingHistory());

        var (code, stdout, stderr) = Fn2EnProcess.Run(dir.Path, "predict", "--model", run, "--data", model.Data, "--aligner", "none", model.TestImages);
        Assert.True(code == 0, stderr);
        var byFile = Rows(stdout).Skip(1).ToDictionary(f => Path.GetFileName(f[0]), f => f[8..].Select(p => double.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        var (train, test) = e.FoldData(0);
        using (train) using (test)
        {
            var expected = Evaluation.Probabilities(net, test, e.Network.InputSize, Normalization.Standard, e.Effective.Get(Setting.BatchSize), e.Device);
            Assert.True(expected.Max(p => p[0]) - expected.Min(p => p[0]) > 1e-3, "the random net's outputs do not depend on its input: the check has no teeth");
            for (var i = 0; i < test.Count; i++)
            {
                var file = Path.GetFileName(e.Dataset.Rows[test.Rows[i]].Path);
                Assert.All(expected[i].Zip(byFile[file]), pair => Assert.Equal(pair.First, pair.Second, 2e-6));   // the CSV has 6 decimals
            }
        }
    }

    [Fact]
    public void Unreadable_files_and_missing_paths_are_one_line_each_and_the_rest_is_predicted()
    {
        var folder = dir["photos"];
        Directory.CreateDirectory(folder);
        var good = Directory.EnumerateFiles(model.TestImages, "*.png", SearchOption.AllDirectories).First();
        File.Copy(good, Path.Combine(folder, "good.png"));
        File.WriteAllBytes(Path.Combine(folder, "broken.png"), [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]);
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "not an image, not meant as one: ignored");
        var (code, stdout, stderr) = Predict("--aligner", "none", "--json", folder, dir["missing.jpg"]);
        Assert.True(code == 0, stderr);
        var predictions = JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToList();
        var only = Assert.Single(predictions);
        Assert.EndsWith("good.png", only.GetProperty("file").GetString());
        Assert.Equal(model.Metrics.Classes.Count, only.GetProperty("probabilities").EnumerateObject().Count());
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("fn2en:")).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Contains(lines, l => l.StartsWith($"fn2en: {Path.Combine(folder, "broken.png")}: could not be decoded as an image ("));
        Assert.Contains($"fn2en: {dir["missing.jpg"]}: no such file or folder.", lines);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public void Nothing_predicted_is_exit_code_2()
    {
        File.WriteAllText(dir["empty.png"], "");
        var (code, stdout, stderr) = Predict(dir["empty.png"]);
        Assert.Equal(2, code);
        Assert.Single(Rows(stdout));   // the header only
        Assert.Contains($"fn2en: {dir["empty.png"]}: could not be decoded as an image", stderr);
    }

    [Fact]
    public void The_library_predicts_as_the_command_does()
    {
        using var e = new Experiment(model.Settings, new StringWriter());
        using var fn2en = Fn2EnModel.Load(e, 0, aligner: "none");
        Assert.IsType<CentreCropAligner>(fn2en.Aligner);
        var file = Directory.EnumerateFiles(model.TestImages, "*.png", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        var face = Assert.Single(fn2en.Predict(file));
        var row = Rows(Predict("--aligner", "none", file).Out)[1];
        Assert.Equal(row[6], face.Expression);
        Assert.Equal(double.Parse(row[7], System.Globalization.CultureInfo.InvariantCulture), face.Confidence, 5);
    }

    [Fact]
    public void With_face_api_every_face_of_a_photo_gets_a_row_at_the_detectors_box_and_a_faceless_image_a_line()
    {
        var photo = Path.Combine(FaceApiReference.Folder, "sample1.png");   // face-api's demo photo: three faces
        File.WriteAllBytes(dir["grey.png"], ImageEncoder.Png(Enumerable.Repeat((byte)128, 200 * 150 * 3).ToArray(), 200, 150));
        var (code, stdout, stderr) = Predict("--aligner", "face-api", photo, dir["grey.png"]);
        Assert.True(code == 0, stderr);
        var faces = Rows(stdout).Skip(1).ToList();
        Assert.Equal(["0", "1", "2"], faces.Select(f => f[1]));
        var expected = faceApi.Pipeline.DetectAllFaces(FaceNet2ExpNet.Networks.FaceApi.TfImage.FromRgb(ImageDecoder.Decode(photo)));
        Assert.Equal(expected.Select(f => Math.Round(f.Detection.Box.X, 1)), faces.Select(f => double.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains($"fn2en: {dir["grey.png"]}: no face found (by face-api", stderr);
    }

    [Fact]
    public void A_model_of_data_no_detector_aligned_still_finds_faces_none_in_a_blank_or_noise_image_one_row_per_person()
    {
        using (var e = new Experiment(model.Settings, new StringWriter()))
        using (var fn2en = Fn2EnModel.Load(e, 0))
            Assert.IsType<FaceApiAligner>(fn2en.Aligner);   // the embedded default's model: faces are still found
        var rng = new Random(3);
        var noise = new byte[256 * 256 * 3];
        rng.NextBytes(noise);
        File.WriteAllBytes(dir["noise.png"], ImageEncoder.Png(noise, 256, 256));
        File.WriteAllBytes(dir["black.png"], ImageEncoder.Png(new byte[256 * 256 * 3], 256, 256));
        var photo = Path.Combine(FaceApiReference.Folder, "sample1.png");   // three people
        var (code, stdout, stderr) = Predict(dir["black.png"], dir["noise.png"], photo);
        Assert.True(code == 0, stderr);
        var faces = Rows(stdout).Skip(1).ToList();
        Assert.Equal(3, faces.Count);
        Assert.All(faces, f => Assert.EndsWith("sample1.png", f[0]));
        Assert.Contains($"fn2en: {dir["black.png"]}: no face found", stderr);
        Assert.Contains($"fn2en: {dir["noise.png"]}: no face found", stderr);
        Assert.Contains("[predict] 3 face(s) in 1 of 3 image(s)", stderr);
    }

    [Fact]
    public void A_dataset_aligned_with_face_api_is_predicted_with_the_same_detector_settings_and_eye_geometry()
    {
        var recorded = new FaceApiAligner(faceApi.Pipeline, new EyeAlignment(0.32, 0.4), detectorInputSize: 320, scoreThreshold: 0.6);
        var repeated = Assert.IsType<FaceApiAligner>(Aligners.ForNormalisation(recorded.Name));
        using (repeated)
        {
            Assert.Equal(recorded.Name, repeated.Name);
            Assert.Equal((320, 0.6, 0.32, 0.4), (repeated.DetectorInputSize, repeated.ScoreThreshold, repeated.Geometry.EyeDistance, repeated.Geometry.EyeHeight));
        }
        Assert.Equal("centre-crop 0.8 of the shorter side (no face detection)", Aligners.ForNormalisation(new CentreCropAligner(0.8).Name).Name);
        Assert.IsType<CentreCropAligner>(Aligners.ForNormalisation("as distributed (faces aligned by SFEW's authors), central square resized to 256×256"));
        Assert.Contains("is not one this project can repeat", Assert.Throws<ArgumentException>(() => Aligners.ForNormalisation("hand-cropped")).Message);
    }

    [Fact]
    public void A_run_that_is_not_a_finished_fn2en_run_is_one_clear_line()
    {
        var stage1 = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(model.RunFolder))!)!, Methods.Stage1.Key);
        var stage1Run = Directory.GetDirectories(Directory.GetDirectories(stage1).Single(), "fold-0").Single();
        var (code, _, stderr) = Fn2EnProcess.Run(dir.Path, "predict", "--model", stage1Run, "--data", model.Data, model.TestImages);
        Assert.Equal(2, code);
        Assert.StartsWith($"fn2en: error: {stage1Run} is a fn2en-stage1 run; predictions need an FN2EN (stage 2) run", stderr);
        (code, _, stderr) = Fn2EnProcess.Run(dir.Path, "predict", "--model", Path.GetDirectoryName(model.RunFolder)!, "--data", model.Data, model.TestImages);
        Assert.Equal(2, code);
        Assert.Contains("holds the runs of several folds: give one of them", stderr);
    }
}
