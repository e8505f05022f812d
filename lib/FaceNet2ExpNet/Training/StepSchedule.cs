namespace FaceNet2ExpNet.Training;

/// <summary>
/// Step-decayed learning rate: <see cref="BaseLr"/> × <see cref="Gamma"/>^⌊epoch / <see cref="StepEvery"/>⌋, optionally
/// ramped up linearly over the first <see cref="WarmupEpochs"/> epochs (step by step, from BaseLr / steps-in-warm-up to
/// BaseLr), which lets a pretrained net without batch norm start fine-tuning without its first updates blowing it up.
/// Paper stage 1: 1e-7, decreased after 100 of 300 epochs; stage 2: 1e-4, ×0.1 after 20 of 50 epochs; no warm-up.
/// <see cref="MinSteps"/>: a set too small for <see cref="Epochs"/> to give that many steps gets more epochs
/// (<see cref="ForStepsPerEpoch"/>), so a 200-image set is trained as thoroughly as a CK+-size one.
/// </summary>
public sealed record StepSchedule(double BaseLr, int Epochs, int StepEvery, double Gamma = 0.1, int WarmupEpochs = 0, int MinSteps = 0)
{
    /// <summary>
    /// This schedule for a set of <paramref name="stepsPerEpoch"/> steps per epoch: unchanged when <see cref="Epochs"/>
    /// epochs give at least <see cref="MinSteps"/> steps; else ⌈MinSteps / stepsPerEpoch⌉ epochs, with the decay
    /// interval and the warm-up stretched by the same factor (so the rate falls after the same fraction of the steps).
    /// </summary>
    public StepSchedule ForStepsPerEpoch(int stepsPerEpoch)
    {
        if (stepsPerEpoch < 1 || (long)Epochs * stepsPerEpoch >= MinSteps) return this;
        var epochs = (MinSteps + stepsPerEpoch - 1) / stepsPerEpoch;
        var factor = epochs / (double)Epochs;
        int Stretch(int e) => e == 0 ? 0 : Math.Max(1, (int)Math.Round(e * factor, MidpointRounding.AwayFromZero));
        return this with { Epochs = epochs, StepEvery = Stretch(StepEvery), WarmupEpochs = Math.Min(Stretch(WarmupEpochs), epochs - 1) };
    }

    /// <summary>Learning rate of epoch <paramref name="epoch"/> (0-based) once any warm-up is over.</summary>
    public double LearningRate(int epoch) => BaseLr * Math.Pow(Gamma, StepEvery > 0 ? epoch / StepEvery : 0);

    /// <summary>Learning rate of step <paramref name="step"/> of <paramref name="steps"/> in epoch <paramref name="epoch"/>, warm-up included.</summary>
    public double LearningRate(int epoch, int step, int steps)
    {
        var lr = LearningRate(epoch);
        if (epoch >= WarmupEpochs) return lr;
        var done = (double)epoch * steps + step + 1;
        return lr * done / ((double)WarmupEpochs * steps);
    }

    public StepSchedule Validated()
    {
        if (!(BaseLr > 0) || double.IsInfinity(BaseLr)) throw new ArgumentException($"Learning rate {BaseLr} must be positive.");
        if (Epochs < 1) throw new ArgumentException($"Epochs {Epochs} must be at least 1.");
        if (StepEvery < 0) throw new ArgumentException($"StepEvery {StepEvery} must be ≥ 0 (0 = never decay).");
        if (!(Gamma > 0) || Gamma > 1) throw new ArgumentException($"Gamma {Gamma} must be in (0, 1].");
        if (WarmupEpochs < 0 || WarmupEpochs >= Epochs) throw new ArgumentException($"WarmupEpochs {WarmupEpochs} must be ≥ 0 and below Epochs {Epochs}.");
        if (MinSteps < 0) throw new ArgumentException($"MinSteps {MinSteps} must be ≥ 0.");
        return this;
    }
}
