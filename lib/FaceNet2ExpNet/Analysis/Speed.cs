using System.Diagnostics;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Analysis;

/// <summary>Sec. V: test-time cost, milliseconds per image of a forward pass (eval mode, no gradients) on this machine.</summary>
public static class Speed
{
    /// <summary>Median over <paramref name="repeats"/> timed batches of <paramref name="batch"/> images of side <paramref name="input"/>.</summary>
    public static double MillisecondsPerImage(nn.Module<Tensor, Tensor> net, int input, int batch = 16, int repeats = 5, Device? device = null)
    {
        net.eval();
        using var _ = no_grad();
        using var x = randn(batch, 3, input, input, device: device ?? CPU);
        using (var warm = net.forward(x)) { }
        var times = new List<double>();
        for (var r = 0; r < repeats; r++)
        {
            var clock = Stopwatch.StartNew();
            using (var y = net.forward(x)) y.sum().item<float>();   // .item() waits for the result (asynchronous devices)
            times.Add(clock.Elapsed.TotalMilliseconds / batch);
        }
        times.Sort();
        return times[times.Count / 2];
    }
}
