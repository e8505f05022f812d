using FaceNet2ExpNet.Data.Alignment;

namespace FaceNet2ExpNet.Prediction;

/// <summary>One face's predicted expression: which image, which face (0 = the detector's best), where it is, the class probabilities.</summary>
/// <param name="Probabilities">Softmax of ExpNet's output, in the dataset's class order (<see cref="Classes"/>).</param>
public sealed record FacePrediction(string File, int Face, FaceRegion Box, IReadOnlyList<string> Classes, IReadOnlyList<float> Probabilities)
{
    /// <summary>The most probable class.</summary>
    public string Expression => Classes[Best];
    /// <summary>Its probability.</summary>
    public float Confidence => Probabilities[Best];
    private int Best => Enumerable.Range(0, Probabilities.Count).MaxBy(i => Probabilities[i]);
}

/// <summary>An image nothing could be predicted for, and why (one line: it does not decode, it shows no face, it is missing).</summary>
public sealed record PredictionProblem(string File, string Reason);
