namespace FaceNet2ExpNet.Training;

/// <summary>The loss (or the gradient norm) became NaN/∞ or exploded; raised before the bad step touches the weights.</summary>
/// <param name="epoch">1-based epoch of the bad step.</param>
/// <param name="step">1-based step within the epoch.</param>
/// <param name="loss">The loss of that step (may be NaN or ∞).</param>
/// <param name="what">What was wrong, e.g. "loss = 3e+07 (first loss 2.1)".</param>
public sealed class TrainingDivergedException(string message, int epoch = 0, int step = 0, double loss = double.NaN, string what = "")
    : Exception(message)
{
    public string What { get; } = what;
    public int Epoch { get; } = epoch;
    public int Step { get; } = step;
    public double Loss { get; } = loss;
}
