using System.Text.Json;
using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Data.Alignment;
using FaceNet2ExpNet.Data.Imaging;
using FaceNet2ExpNet.Experiments;
using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Reporting;
using FaceNet2ExpNet.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Prediction;

/// <summary>
/// A trained FN2EN model (the stage-2 ExpNet of one fold) applied to new photos: each face is found and aligned as the
/// training data was (the aligner its dataset.json records), brought to the run's image size, and tested as evaluation
/// tests — the single centre crop of the run's input size, standard normalisation (<see cref="Evaluation"/>) — so a test
/// image of the fold gets the prediction the run's metrics.json counted.
/// </summary>
public sealed class Fn2EnModel : IDisposable
{
    private readonly ExpNet net;
    private readonly int alignedSize;

    private Fn2EnModel(string runFolder, RunConfig config, IReadOnlyList<string> classes, IFaceAligner aligner, int alignedSize, Device device)
    {
        (RunFolder, Config, Classes, Aligner, this.alignedSize, Device) = (runFolder, config, classes, aligner, alignedSize, device);
        net = new ExpNet(config.ExpNetOptions(classes.Count));
        try { Checkpoint.LoadWeights(Path.Combine(runFolder, "checkpoints"), net); }
        catch
        {
            net.Dispose();
            throw;
        }
        net.to(device).eval();
    }

    /// <summary>The run folder (runs/&lt;dataset&gt;/&lt;profile&gt;/fn2en/&lt;id&gt;/fold-&lt;k&gt;).</summary>
    public string RunFolder { get; }
    /// <summary>The run's config: image size, network size, face net (whose pool5 sizes ExpNet's bridge).</summary>
    public RunConfig Config { get; }
    /// <summary>The expression classes, in the dataset's label order.</summary>
    public IReadOnlyList<string> Classes { get; }
    /// <summary>How faces are found and aligned (the training data's normalisation, or the one asked for).</summary>
    public IFaceAligner Aligner { get; }
    public Device Device { get; }

    /// <summary>The FN2EN model of a finished run folder.</summary>
    /// <param name="runFolder">runs/&lt;dataset&gt;/&lt;profile&gt;/fn2en/&lt;id&gt;/fold-&lt;k&gt;.</param>
    /// <param name="dataRoot">Where the run's dataset is prepared: its dataset.json says how the training faces were aligned.</param>
    /// <param name="aligner">Another aligner ("face-api", "centre-crop[:F]", "none"; see <see cref="Aligners.Parse"/>); null = the dataset's.</param>
    /// <param name="device">cpu, cuda or cuda:N; null = FN2EN_DEVICE, else cpu.</param>
    /// <exception cref="DirectoryNotFoundException">No such folder.</exception>
    /// <exception cref="InvalidDataException">Not a finished FN2EN run, or one of its files is damaged (the message names it and the way out).</exception>
    /// <exception cref="ArgumentException">The dataset's normalisation cannot be repeated, or <paramref name="aligner"/> is unknown.</exception>
    public static Fn2EnModel Load(string runFolder, string dataRoot = "data", string? aligner = null, string? device = null)
    {
        var run = RunStore.Read(runFolder);
        runFolder = run.Folder;
        var config = run.Config;
        if (config.Method != Methods.Fn2En.Key)
            throw new InvalidDataException($"{runFolder} is a {config.Method} run; predictions need an FN2EN (stage 2) run: runs/{config.Data.Name}/{config.Profile}/fn2en/<id>/fold-<k>.");
        if (!run.IsFinished)
            throw new InvalidDataException($"{runFolder} is not finished (no metrics.json): finish it with `fn2en run` (it resumes from its checkpoint).");
        var classes = run.Metrics.Classes;   // names a damaged metrics.json
        var datasetJson = Path.Combine(dataRoot, config.Data.Name, "dataset.json");
        DatasetInfo? dataset = File.Exists(datasetJson) ? DatasetInfo.Read(datasetJson) : null;
        if (dataset is null && aligner is null)
            throw new FileNotFoundException($"{datasetJson} not found: it records how the training faces were aligned. Point --data at the folder holding " +
                                            $"{config.Data.Name}/, or name the aligner (--aligner face-api | centre-crop).", datasetJson);
        var chosen = aligner is not null ? Aligners.Parse(aligner) : Aligners.ForPrediction(dataset!.Normalisation);
        return new Fn2EnModel(runFolder, config, classes, chosen, dataset?.ImageSize ?? config.Get(Setting.ImageSize), Devices.Resolve(device));
    }

    /// <summary>The FN2EN model of fold <paramref name="fold"/> of <paramref name="experiment"/> (which must be trained: experiment.Ensure(Methods.Fn2En, fold)).</summary>
    /// <exception cref="RunNotTrainedException">That run is not trained yet.</exception>
    public static Fn2EnModel Load(Experiment experiment, int fold, string? aligner = null) =>
        Load(experiment.Run(Methods.Fn2En, fold).Folder, experiment.Settings.DataRoot, aligner, experiment.Settings.Device);

    /// <summary>Every face in the image file at <paramref name="path"/>, best detection first.</summary>
    /// <exception cref="InvalidDataException">The file is not a decodable image (the message names it).</exception>
    /// <exception cref="FaceNotFoundException">It shows no face.</exception>
    public IReadOnlyList<FacePrediction> Predict(string path) => Predict(ImageDecoder.Decode(path), path);

    /// <summary>Every face in <paramref name="image"/> (RGB, any size); <paramref name="name"/> names it in the results and errors.</summary>
    /// <exception cref="FaceNotFoundException">It shows no face.</exception>
    public IReadOnlyList<FacePrediction> Predict(ImageDecoder.Rgb image, string name = "image")
    {
        var faces = Align(image, name);
        return Classify(faces.Select(f => (name, f)).ToList());
    }

    /// <summary>
    /// Every face of every file, batched as evaluation batches them; a file that is missing, does not decode or shows no
    /// face is a <see cref="PredictionProblem"/> (one line), never an exception.
    /// </summary>
    public (IReadOnlyList<FacePrediction> Predictions, IReadOnlyList<PredictionProblem> Problems) PredictFiles(IEnumerable<string> files)
    {
        var predictions = new List<FacePrediction>();
        var problems = new List<PredictionProblem>();
        foreach (var chunk in files.Chunk(256))
        {
            var faces = new List<(string, AlignedFace)>();
            foreach (var file in chunk)
            {
                try { faces.AddRange(Align(ImageDecoder.Decode(file), file).Select(f => (file, f))); }
                catch (Exception e) when (e is InvalidDataException or FaceNotFoundException or IOException or UnauthorizedAccessException)
                {
                    problems.Add(new PredictionProblem(file, e is FileNotFoundException or DirectoryNotFoundException ? $"{SafeText.Escape(file)}: no such file." : e.Message));
                }
            }
            predictions.AddRange(Classify(faces));
        }
        return (predictions, problems);
    }

    private IReadOnlyList<AlignedFace> Align(ImageDecoder.Rgb image, string name)
    {
        var faces = Aligner.AlignAll(image, alignedSize);
        return faces.Count > 0 ? faces : throw new FaceNotFoundException($"{SafeText.Escape(name)}: no face found" +
            (Aligner.Detections is { } d ? $" (by {d.Detector}{(d.Fallback is null ? "" : $", the {d.Fallback}")})." : "."));
    }

    /// <summary>
    /// The faces brought to the run's image size as a prepared dataset's images are loaded (<see cref="ImageSet"/>: square,
    /// resized to the run's image_size), then tested as evaluation tests them: the centre crop of the
    /// network's input size, standard normalisation.
    /// </summary>
    private List<FacePrediction> Classify(IReadOnlyList<(string File, AlignedFace Face)> faces)
    {
        if (faces.Count == 0) return [];
        var size = Config.Get(Setting.ImageSize);
        var plane = 3 * size * size;
        var pixels = new byte[(long)faces.Count * plane];
        for (var i = 0; i < faces.Count; i++) Buffer.BlockCopy(ImageDecoder.ToSquareChw(faces[i].Face.Face, size), 0, pixels, i * plane, plane);
        using var images = new ImageSet(tensor(pixels, [faces.Count, 3, size, size], ScalarType.Byte), zeros(faces.Count, ScalarType.Int64),
            Enumerable.Range(0, faces.Count).ToArray(), Classes);
        var probabilities = Evaluation.Probabilities(net, images, Config.Network.InputSize, Normalization.Standard, Config.Get(Setting.BatchSize), Device);
        var index = new Dictionary<string, int>();
        return faces.Select((f, i) =>
        {
            var k = index[f.File] = index.GetValueOrDefault(f.File, -1) + 1;
            return new FacePrediction(f.File, k, f.Face.Box, Classes, probabilities[i]);
        }).ToList();
    }

    public override string ToString() =>
        $"FN2EN {Shown(RunFolder)}: {Classes.Count} classes, {Config.Get(Setting.ImageSize)} px images, " +
        $"centre {Config.Network.InputSize} px crop; faces: {Aligner.Name}";

    /// <summary>A path relative to the working folder when it is near it (../runs/…), else in full.</summary>
    private static string Shown(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith($"..{Path.DirectorySeparatorChar}..", StringComparison.Ordinal) ? path : relative;
    }

    public void Dispose()
    {
        net.Dispose();
        (Aligner as IDisposable)?.Dispose();
    }
}
