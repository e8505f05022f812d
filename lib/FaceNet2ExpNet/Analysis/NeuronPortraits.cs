using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Reporting;
using FaceNet2ExpNet.Training;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Analysis;

/// <summary>One visualised neuron: the mean of the face images it responds to most, and the expression they share.</summary>
public sealed record NeuronPortrait(int Neuron, string Expression, double Purity, byte[] MeanImage, int Size);

/// <summary>
/// Sec. IV-B, Figs. 4–5: "Given a hidden neuron, the face images that obtain high response are averaged." For ExpNet's
/// top hidden layer (FC-256 after ReLU), the most expression-specific neurons are shown as the mean of their top images
/// (centre crops), each labelled with the dominant expression of those images and how pure it is.
/// </summary>
public static class NeuronPortraits
{
    /// <summary>Up to <paramref name="perExpression"/> neurons for each expression, those whose top images are purest first.</summary>
    public static List<NeuronPortrait> Find(ExpNet net, ImageSet images, int crop, int top = 20, int perExpression = 2, int batchSize = 64)
    {
        var hidden = Hidden(net, images, crop, batchSize);            // N × 256
        var labels = images.Labels.data<long>().ToArray();
        var k = Math.Min(top, images.Count);
        var candidates = new List<(int Neuron, int Label, double Purity, long[] Top)>();
        using (var scope = NewDisposeScope())
        {
            var (values, indices) = hidden.topk(k, dim: 0);            // k × 256
            var topIndex = indices.t().contiguous().data<long>().ToArray();
            var topValue = values.t().contiguous().data<float>().ToArray();
            for (var n = 0; n < hidden.shape[1]; n++)
            {
                if (topValue[n * k] <= 0) continue;                        // a neuron that never fires has no preferred images
                var chosen = topIndex.AsSpan(n * k, k).ToArray();
                var best = chosen.GroupBy(i => labels[i]).OrderByDescending(g => g.Count()).First();
                candidates.Add((n, (int)best.Key, best.Count() / (double)k, chosen));
            }
        }
        hidden.Dispose();
        return candidates.GroupBy(c => c.Label).OrderBy(g => g.Key)
            .SelectMany(g => g.OrderByDescending(c => c.Purity).ThenBy(c => c.Neuron).Take(perExpression))
            .Select(c => new NeuronPortrait(c.Neuron, images.Classes[c.Label], c.Purity, MeanImage(images, c.Top, crop), crop))
            .ToList();
    }

    /// <summary>A sheet like Figs. 4–5: one row per expression, its neurons' mean images (JPEG); the caption lists each
    /// row's neurons as <see cref="Captions"/> does.</summary>
    /// <exception cref="ArgumentException">No portraits (no FC-256 neuron responded to any image).</exception>
    public static ImageSheet Sheet(IReadOnlyList<NeuronPortrait> portraits, int scale = 2)
    {
        if (portraits.Count == 0) throw new ArgumentException("No neuron portraits to show: no FC-256 neuron responded to any image.");
        var rows = portraits.GroupBy(p => p.Expression).ToList();
        var cells = rows.Select(g => (IReadOnlyList<byte[]?>)g.Select(p => (byte[]?)p.MeanImage).ToList()).ToList();
        var caption = string.Join(Environment.NewLine, rows.Select(g => $"{g.Key}: " +
            string.Join(", ", g.Select(p => $"neuron {p.Neuron} ({p.Purity:P0} of its top images)"))));
        return new ImageSheet(ImageGrid.Jpeg(cells, portraits[0].Size, rows.Select(g => g.Key).ToList(), scale), caption);
    }

    /// <summary>"neuron 11 → anger (85 % of its top images)" for each portrait, in sheet order.</summary>
    public static IEnumerable<string> Captions(IReadOnlyList<NeuronPortrait> portraits) =>
        portraits.GroupBy(p => p.Expression).SelectMany(g => g).Select(p => $"neuron {p.Neuron} → {p.Expression} ({p.Purity:P0} of its top images)");

    private static Tensor Hidden(ExpNet net, ImageSet images, int crop, int batchSize)
    {
        net.eval();
        var parts = new List<Tensor>();
        Evaluation.ForEachBatch(images, crop, Normalization.Standard, batchSize, null,
            (batch, _) => parts.Add(net.Hidden(batch.Images).cpu().MoveToOuterDisposeScope()));
        var all = cat(parts);
        foreach (var p in parts) p.Dispose();
        return all;
    }

    private static byte[] MeanImage(ImageSet images, long[] indices, int crop)
    {
        using var scope = NewDisposeScope();
        var chosen = Transforms.CenterCrop(images.Images.index_select(0, tensor(indices)), crop).to_type(ScalarType.Float32);
        var mean = chosen.mean([0]).round().clamp(0, 255).to_type(ScalarType.Byte).permute(1, 2, 0).contiguous();   // H × W × 3
        return mean.data<byte>().ToArray();
    }
}
