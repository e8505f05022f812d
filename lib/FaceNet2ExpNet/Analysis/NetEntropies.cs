using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Training;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Analysis;

/// <summary>The neuron entropies at the analysed taps of one face net on one labelled image set (Sec. III-C).</summary>
public sealed record NetEntropies(string Net, IReadOnlyList<LayerEntropies> Layers, int Images, ConvResponse Conv)
{
    /// <summary>The layer called <paramref name="layer"/>.</summary>
    public LayerEntropies this[string layer] => Layers.FirstOrDefault(l => l.Layer == layer)
        ?? throw new KeyNotFoundException($"{Net} has no analysed layer '{layer}'; layers are {string.Join(", ", Layers.Select(l => l.Layer))}.");

    /// <summary>
    /// One pass over <paramref name="images"/> (single centre crop at the net's input size, eval mode, no gradients):
    /// every tap of one forward pass is reduced to neuron responses (<see cref="NeuronResponses"/>) and merged into a
    /// running top <paramref name="k"/> per neuron (<see cref="TopKResponses"/>); then each neuron's label entropy.
    /// </summary>
    /// <param name="layers">Taps to analyse; all of the net's taps when null (VGG-16: pool4, pool5, fc6, fc7).</param>
    /// <param name="normalization">Pixel normalisation the net was trained with (default: <see cref="Normalization.Standard"/>).</param>
    public static NetEntropies Measure(IFaceNet net, ImageSet images, int k = 100, ConvResponse conv = ConvResponse.SpatialMax,
        IReadOnlyList<string>? layers = null, Normalization? normalization = null, int batchSize = 64, string? name = null)
    {
        layers ??= net.TapNames;
        normalization ??= Normalization.Standard;
        name ??= net.Name;
        var crop = net.Size.InputSize;
        if (k < 1) throw new ArgumentException($"K must be at least 1, got {k}.");
        if (images.Count == 0) throw new ArgumentException("The expression image set is empty.");
        if (images.Size < crop)
            throw new ArgumentException($"{name} takes {crop}×{crop} crops but the expression images are {images.Size}×{images.Size}.");

        var module = net.Module;
        var device = module.parameters().FirstOrDefault()?.device ?? CPU;
        var wasTraining = module.training;
        module.eval();
        var tops = new Dictionary<string, TopKResponses>();
        try
        {
            Evaluation.ForEachBatch(images, crop, normalization, batchSize, device, (batch, _) =>
            {
                var taps = net.Taps(batch.Images, layers);
                foreach (var layer in layers)
                {
                    var responses = NeuronResponses.Reduce(taps[layer], conv);
                    if (!tops.TryGetValue(layer, out var top))
                        tops[layer] = top = new TopKResponses(responses.shape[1], k, images.Classes.Count, device);
                    top.Add(responses, batch.Labels);
                }
            });
            var result = layers.Select(l => new LayerEntropies(
                l, NeuronEntropy.Of(tops[l]), images.Classes.Count, (int)tops[l].Values.shape[1], NeuronEntropy.Silent(tops[l]))).ToList();
            return new NetEntropies(name, result, images.Count, conv);
        }
        finally
        {
            foreach (var top in tops.Values) top.Dispose();
            if (wasTraining) module.train();
        }
    }

    public override string ToString() =>
        $"{Net} on {Images} images ({Conv}):{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", Layers);
}
