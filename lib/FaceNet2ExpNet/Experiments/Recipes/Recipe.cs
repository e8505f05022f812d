using FaceNet2ExpNet.Reporting;
using FaceNet2ExpNet.Training;

namespace FaceNet2ExpNet.Experiments.Recipes;

/// <summary>How one method's run is trained from its parents (one class per method).</summary>
public interface IRecipe
{
    /// <summary>Trains <paramref name="context"/>'s run (its parents are finished) and returns its metrics and history.</summary>
    (FoldMetrics Metrics, TrainingHistory History) Train(RunContext context);
}

/// <summary>The recipe of each method.</summary>
public static class Recipe
{
    public static IRecipe For(string method) => method switch
    {
        Methods.Pretrain => new PretrainRecipe(),
        Methods.FineTune => new FineTuneRecipe(),
        Methods.ScratchBn => new ScratchBnRecipe(),
        Methods.Stage1 => new Stage1Recipe(),
        Methods.Fn2En => new Fn2EnRecipe(),
        _ => throw new ArgumentException($"No recipe for method '{method}'."),
    };
}
