using FaceNet2ExpNet.Reporting;
using FaceNet2ExpNet.Training;

namespace FaceNet2ExpNet.Experiments.Recipes;

/// <summary>How one method's run is trained from its parents (one class per method; <see cref="MethodSpec.Recipe"/>).</summary>
public interface IRecipe
{
    /// <summary>Trains <paramref name="context"/>'s run (its parents are finished) and returns its metrics and history.</summary>
    (FoldMetrics Metrics, TrainingHistory History) Train(RunContext context);
}
