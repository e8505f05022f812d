using FaceNet2ExpNet.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Training;

/// <summary>Testing as in the paper: the single centre crop, eval mode, no gradients; optionally in bf16 / channels-last (<see cref="ComputeFormat"/>).</summary>
public static class Evaluation
{
    /// <summary>
    /// Runs <paramref name="body"/> on the test-time batches of <paramref name="data"/> (centre crops, normalised, images
    /// on <paramref name="device"/>) without gradients, each batch in its own dispose scope; the int is the batch's first index.
    /// With <paramref name="compute"/> the images come in its memory format and <paramref name="body"/> runs at its
    /// precision (bf16: under autocast, so outputs may be bf16).
    /// </summary>
    public static void ForEachBatch(ImageSet data, int crop, Normalization normalization, int batchSize, Device? device, Action<Batch, int> body,
        ComputeFormat? compute = null)
    {
        compute = (compute ?? ComputeFormat.Fp32).Validated();
        using var _ = no_grad();
        foreach (var (from, count) in Trainer.Batches(data.Count, batchSize))
        {
            using var scope = NewDisposeScope();
            var batch = compute.Layout(data.MakeBatch(Enumerable.Range(from, count).ToArray(), crop, normalization));
            if (device is not null && device.type != DeviceType.CPU) batch = batch with { Images = batch.Images.to(device) };
            using (compute.Region(device)) body(batch, from);
        }
    }

    /// <summary>Predicted class of every image in <paramref name="data"/>.</summary>
    public static int[] Predict(nn.Module<Tensor, Tensor> model, ImageSet data, int crop, Normalization normalization,
        int batchSize = 64, Device? device = null, ComputeFormat? compute = null)
    {
        model.eval();
        compute?.PreparedFor(model);
        var predictions = new int[data.Count];
        ForEachBatch(data, crop, normalization, batchSize, device, (batch, from) =>
        {
            var argmax = model.forward(batch.Images).argmax(1).cpu().data<long>().ToArray();
            argmax.Select(a => (int)a).ToArray().CopyTo(predictions, from);
        }, compute);
        return predictions;
    }

    /// <summary>Class probabilities (softmax of the logits) of every image in <paramref name="data"/>: [image][class].</summary>
    public static float[][] Probabilities(nn.Module<Tensor, Tensor> model, ImageSet data, int crop, Normalization normalization,
        int batchSize = 64, Device? device = null)
    {
        model.eval();
        var probabilities = new float[data.Count][];
        ForEachBatch(data, crop, normalization, batchSize, device, (batch, from) =>
        {
            var p = nn.functional.softmax(model.forward(batch.Images), 1).cpu();
            var classes = (int)p.shape[1];
            var flat = p.data<float>().ToArray();
            for (var i = 0; i < p.shape[0]; i++) probabilities[from + i] = flat[(i * classes)..((i + 1) * classes)];
        });
        return probabilities;
    }

    /// <summary>Fraction of images whose prediction equals the label.</summary>
    public static double Accuracy(nn.Module<Tensor, Tensor> model, ImageSet data, int crop, Normalization normalization,
        int batchSize = 64, Device? device = null, ComputeFormat? compute = null)
    {
        var predicted = Predict(model, data, crop, normalization, batchSize, device, compute);
        var labels = data.Labels.data<long>().ToArray();
        return predicted.Zip(labels).Count(p => p.First == p.Second) / (double)data.Count;
    }
}
