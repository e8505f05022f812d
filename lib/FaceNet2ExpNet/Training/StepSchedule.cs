namespace FaceNet2ExpNet.Training;

/// <summary>
/// Step-decayed learning rate: <see cref="BaseLr"/> × <see cref="Gamma"/>^⌊epoch / <see cref="StepEvery"/>⌋.
/// Paper stage 1: 1e-7, decreased after 100 of 300 epochs; stage 2: 1e-4, ×0.1 after 20 of 50 epochs.
/// </summary>
public sealed record StepSchedule(double BaseLr, int Epochs, int StepEvery, double Gamma = 0.1)
{
    /// <summary>Learning rate during epoch <paramref name="epoch"/> (0-based).</summary>
    public double LearningRate(int epoch) => BaseLr * Math.Pow(Gamma, StepEvery > 0 ? epoch / StepEvery : 0);

    public StepSchedule Validated()
    {
        if (!(BaseLr > 0) || double.IsInfinity(BaseLr)) throw new ArgumentException($"Learning rate {BaseLr} must be positive.");
        if (Epochs < 1) throw new ArgumentException($"Epochs {Epochs} must be at least 1.");
        if (StepEvery < 0) throw new ArgumentException($"StepEvery {StepEvery} must be ≥ 0 (0 = never decay).");
        return this;
    }
}
