using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Prediction;
using FaceNet2ExpNet.Reporting;

namespace FaceNet2ExpNet.Notebooks;

/// <summary>
/// Notebook 05's last part: fold 0's trained FN2EN model applied to image files through the public API a user calls
/// (<see cref="Fn2EnModel.Load(string, string, string?, string?)"/>, <see cref="Fn2EnModel.Predict(string)"/>) — what
/// `fn2en predict` runs — on one test image of each class of fold 0, faces the model never trained on.
/// </summary>
public sealed partial class ResultsNotebook
{
    private const int PredictFold = 0;
    private (string Model, List<(string File, string Class, FacePrediction Face)> Faces)? predicted;

    /// <summary>The faces, left to right; the caption names the model and gives each true class and prediction.</summary>
    public object PredictedFaces()
    {
        if (!Prepared) return NoResults;
        var (model, faces) = Predicted;
        var size = parameters.ImageSize;
        var cells = faces.Select(f => (byte[]?)ImageDecoder.ToSquare(ImageDecoder.Decode(f.File), size).Pixels).ToList();
        var caption = $"{model}. Fold {PredictFold}'s test faces, left to right (true class → predicted, its probability): " +
                      string.Join("; ", faces.Select(f => $"{f.Class} → {f.Face.Expression} ({Say.Percent(f.Face.Confidence, 0)})"));
        return new ImageSheet(ImageGrid.Jpeg([cells], size, [$"fold {PredictFold}"], scale: size < 112 ? 2 : 1), caption);
    }

    /// <summary>Per face: the file, its true class, the prediction and its probability, whether it is right.</summary>
    public object Predictions() => !Prepared ? NoResults : Table.Of(Predicted.Faces.Select(f => new
    {
        File = Path.GetFileName(f.File), TrueClass = f.Class, Predicted = f.Face.Expression, Probability = Say.Percent(f.Face.Confidence),
        Right = f.Face.Expression == f.Class,
    }));

    /// <summary>The first test image of each class of the fold (class order), each predicted by the fold's FN2EN model (trained now if missing).</summary>
    private (string Model, List<(string File, string Class, FacePrediction Face)> Faces) Predicted => predicted ??= Predict();

    private (string, List<(string, string, FacePrediction)>) Predict()
    {
        var images = experiment.TestImages(PredictFold).GroupBy(t => t.Class).Select(g => g.First())
            .OrderBy(t => experiment.Classes.IndexOf(t.Class)).ToList();
        using var model = Fn2EnModel.Load(experiment.Fn2EnRunFolder(PredictFold), parameters.DataRoot);
        return (model.ToString(), images.Select(i => (i.File, i.Class, model.Predict(i.File)[0])).ToList());   // [0]: the image's best face
    }
}
