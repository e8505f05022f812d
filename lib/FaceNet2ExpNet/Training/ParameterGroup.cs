using TorchSharp.Modules;

namespace FaceNet2ExpNet.Training;

/// <summary>
/// Parameters that share a learning-rate multiplier, as Caffe's <c>lr_mult</c> (and PyTorch's optimizer param groups):
/// fine-tuning trains a pretrained net's layers at the base rate and its new last layer faster.
/// </summary>
/// <param name="Name">Shown in logs ("pretrained", "new layer").</param>
/// <param name="LrMult">This group's learning rate = the schedule's × LrMult.</param>
public sealed record ParameterGroup(string Name, IReadOnlyList<Parameter> Parameters, double LrMult = 1)
{
    /// <summary>One group, every parameter at the schedule's rate.</summary>
    public static IReadOnlyList<ParameterGroup> All(IEnumerable<Parameter> parameters) => [new("all", parameters.ToList())];

    /// <summary>Two groups: <paramref name="existing"/> at the base rate, <paramref name="fresh"/> (layers new in this stage) at <paramref name="freshLrMult"/>×.</summary>
    public static IReadOnlyList<ParameterGroup> WithNewLayers(IEnumerable<Parameter> existing, IEnumerable<Parameter> fresh, double freshLrMult) =>
        [new("existing", existing.ToList()), new("new layers", fresh.ToList(), freshLrMult)];
}
