using FaceNet2ExpNet.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Training;

/// <summary>Testing as in the paper: the single centre crop, eval mode, no gradients.</summary>
public static class Evaluation
{
    /// <summary>Predicted class of every image in <paramref name="data"/>.</summary>
    public static int[] Predict(nn.Module<Tensor, Tensor> model, ImageSet data, int crop, Normalization normalization,
        int batchSize = 64, Device? device = null)
    {
        model.eval();
        var predictions = new int[data.Count];
        using var _ = no_grad();
        foreach (var (from, count) in Trainer.Batches(data.Count, batchSize))
        {
            using var scope = NewDisposeScope();
            var batch = data.MakeBatch(Enumerable.Range(from, count).ToArray(), crop, normalization);
            var images = device is null || device.type == DeviceType.CPU ? batch.Images : batch.Images.to(device);
            var argmax = model.forward(images).argmax(1).cpu().data<long>().ToArray();
            for (var i = 0; i < count; i++) predictions[from + i] = (int)argmax[i];
        }
        return predictions;
    }

    /// <summary>Fraction of images whose prediction equals the label.</summary>
    public static double Accuracy(nn.Module<Tensor, Tensor> model, ImageSet data, int crop, Normalization normalization,
        int batchSize = 64, Device? device = null)
    {
        var predicted = Predict(model, data, crop, normalization, batchSize, device);
        var labels = data.Labels.data<long>().ToArray();
        return predicted.Zip(labels).Count(p => p.First == p.Second) / (double)data.Count;
    }
}
