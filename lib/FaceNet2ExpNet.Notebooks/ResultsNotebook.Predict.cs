using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Prediction;
using FaceNet2ExpNet.Reporting;

namespace FaceNet2ExpNet.Notebooks;

/// <summary>A test image of a fold: the file in the prepared dataset and its true class.</summary>
public sealed record TestImage(string File, string Class);

/// <summary>
/// Notebook 05's last part: a trained FN2EN model applied to image files as `fn2en predict` applies it
/// (<see cref="Fn2EnModel"/>), on a few test faces of one fold.
/// </summary>
public sealed partial class ResultsNotebook
{
    /// <summary>The FN2EN run folder of fold <paramref name="fold"/> (trained now if missing), for <see cref="Fn2EnModel.Load(string, string, string?, string?)"/>.</summary>
    public string Fn2EnRun(int fold) => experiment.Fn2EnRunFolder(fold);

    /// <summary>The first <paramref name="perClass"/> test images of each class of fold <paramref name="fold"/>, in class order.</summary>
    public IReadOnlyList<TestImage> TestImages(int fold, int perClass = 1) => experiment.TestImages(fold)
        .GroupBy(t => t.Class).SelectMany(g => g.Take(perClass)).Select(t => new TestImage(t.File, t.Class))
        .OrderBy(t => experiment.Classes.IndexOf(t.Class)).ToList();

    /// <summary>The faces, left to right, with their true and predicted classes in the caption.</summary>
    /// <param name="predictions">One prediction per image, in the same order.</param>
    public ImageSheet PredictedFaces(IReadOnlyList<TestImage> images, IReadOnlyList<FacePrediction> predictions)
    {
        var size = parameters.Profile.ImageSize;
        var faces = images.Select(i => (byte[]?)ImageDecoder.ToSquare(ImageDecoder.Decode(i.File), size).Pixels).ToList();
        var caption = "Left to right (true class → FN2EN's prediction, its probability): " +
                      string.Join("; ", images.Zip(predictions, (i, p) => $"{i.Class} → {p.Expression} ({Say.Percent(p.Confidence, 0)})"));
        return new ImageSheet(ImageGrid.Jpeg([faces], size, ["faces"], scale: size < 112 ? 2 : 1), caption);
    }

    /// <summary>Per image: the file, its true class, the prediction and its probability, whether it is right.</summary>
    public Table Predictions(IReadOnlyList<TestImage> images, IReadOnlyList<FacePrediction> predictions) => Table.Of(images.Zip(predictions, (i, p) => new
    {
        File = Path.GetFileName(i.File), TrueClass = i.Class, Predicted = p.Expression, Probability = Say.Percent(p.Confidence),
        Right = p.Expression == i.Class,
    }));
}
