using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Experiments;
using FaceNet2ExpNet.Prediction;

namespace FaceNet2ExpNet.Reporting;

public static partial class Ours
{
    /// <summary>
    /// Notebook 05: the first test image of each class of fold <paramref name="fold"/> (class order), as files of the
    /// prepared dataset — faces the fold's models never trained on. Empty without an experiment.
    /// </summary>
    public static IReadOnlyList<(string File, string Class)> TestImagePerClass(Experiment? experiment, int fold)
    {
        if (experiment is null) return [];
        var data = experiment.Dataset;
        return data.Fold(fold).Test.Select(i => data.Rows[i]).GroupBy(r => r.Label).OrderBy(g => g.Key)
            .Select(g => (Path.Combine(data.Root, g.First().Path), data.Classes[g.Key])).ToList();
    }

    /// <summary>The predicted faces left to right; the caption names the model and gives each true class → prediction.</summary>
    public static object PredictedFaces(IReadOnlyList<(string File, string Class, FacePrediction Face)> predicted, string? model)
    {
        if (predicted.Count == 0) return NoResults;
        var size = ImageDecoder.Decode(predicted[0].File) is var first ? Math.Max(first.Width, first.Height) : 64;
        var cells = predicted.Select(p => (byte[]?)ImageDecoder.ToSquare(ImageDecoder.Decode(p.File), size).Pixels).ToList();
        var caption = $"{model}. Test faces, left to right (true class → predicted, its probability): " +
                      string.Join("; ", predicted.Select(p => $"{p.Class} → {p.Face.Expression} ({Say.Percent(p.Face.Confidence, 0)})"));
        return new ImageSheet(ImageGrid.Jpeg([cells], size, ["fold 0"], scale: size < 112 ? 2 : 1), caption);
    }

    /// <summary>Per face: the file, its true class, the prediction and its probability, whether it is right.</summary>
    public static object Predictions(IReadOnlyList<(string File, string Class, FacePrediction Face)> predicted) => predicted.Count == 0 ? NoResults
        : Reporting.Table.Of(predicted.Select(p => new
        {
            File = Path.GetFileName(p.File), TrueClass = p.Class, Predicted = p.Face.Expression, Probability = Say.Percent(p.Face.Confidence), Right = p.Face.Expression == p.Class,
        }));
}
