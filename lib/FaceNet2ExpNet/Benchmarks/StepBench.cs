using FaceNet2ExpNet.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Benchmarks;

/// <summary>
/// Training and evaluation steps of one network on a fixed random batch, in a given <see cref="ComputeFormat"/>, the
/// way <see cref="Trainer"/> and <see cref="Evaluation"/> run them: input laid out in the format's memory order, the
/// forward pass and loss inside its precision region, backward outside, SGD with momentum 0.9 on fp32 weights.
/// </summary>
public sealed class StepBench(int warmup, int reps)
{
    /// <summary>Images per second of training steps (forward + loss + backward + SGD update) on <paramref name="images"/> (N×3×H×W).</summary>
    /// <param name="loss">The step's loss of a batch (already laid out), e.g. cross-entropy of the scores.</param>
    /// <param name="asTrainer">
    /// Also what <see cref="Trainer"/> adds around the step: the loss read back (<c>item</c>), the global gradient norm
    /// over <paramref name="parameters"/>, and SGD's weight decay (<paramref name="weightDecay"/>). Off for the figures
    /// compared with PyTorch's step, which has none of them.
    /// </param>
    /// <exception cref="InvalidOperationException">The format cannot train this model (<see cref="ComputeFormat.PreparedFor"/>).</exception>
    public double TrainImagesPerSecond(nn.Module model, IEnumerable<Parameter> parameters, Func<Tensor, Tensor> loss, Tensor images, ComputeFormat format,
        bool asTrainer = false, double weightDecay = 5e-4)
    {
        format.PreparedFor(model, training: true);
        model.train();
        var list = parameters.ToList();
        using var optimizer = optim.SGD(list, 1e-5, momentum: 0.9, weight_decay: asTrainer ? weightDecay : 0);
        var seconds = StepTimer.Best(() =>
        {
            using var scope = NewDisposeScope();
            var batch = format.Layout(images);
            optimizer.zero_grad();
            Tensor l;
            using (format.Region(CPU)) l = loss(batch);
            if (asTrainer) l.item<float>();
            l.backward();
            if (asTrainer) stack(list.Where(p => p.grad is not null).Select(p => p.grad!.norm()).ToArray()).norm().item<float>();
            optimizer.step();
        }, warmup, reps);
        return images.shape[0] / seconds;
    }

    /// <summary>Milliseconds per image of the evaluation forward pass (eval mode, no gradients) on <paramref name="images"/>.</summary>
    /// <exception cref="InvalidOperationException">The format cannot run this model.</exception>
    public double EvalMsPerImage(nn.Module<Tensor, Tensor> model, Tensor images, ComputeFormat format) => EvalMsPerImage(model, model.forward, images, format);

    /// <summary>Milliseconds per image of <paramref name="forward"/> (e.g. a face net's pool5 map: the teacher's targets) with <paramref name="model"/> in eval mode, no gradients.</summary>
    /// <exception cref="InvalidOperationException">The format cannot run this model.</exception>
    public double EvalMsPerImage(nn.Module model, Func<Tensor, Tensor> forward, Tensor images, ComputeFormat format)
    {
        format.PreparedFor(model);
        model.eval();
        var seconds = StepTimer.Best(() =>
        {
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            using (format.Region(CPU)) forward(format.Layout(images));
        }, warmup, reps);
        return 1000 * seconds / images.shape[0];
    }

    /// <summary>GFLOP/s of the roofline probe: a 3×3 convolution <paramref name="channels"/> → same, at side², in bf16 or fp32, NCHW or channels-last.</summary>
    public double ConvGflops(int channels, int side, int batch, ScalarType dtype, bool channelsLast)
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        var x = randn(batch, channels, side, side).to_type(dtype);
        if (channelsLast) x = ComputeFormat.ToChannelsLast(x);
        var w = (randn(channels, channels, 3, 3) * 0.01).to_type(dtype);
        var seconds = StepTimer.Best(() =>
        {
            using var s = NewDisposeScope();
            nn.functional.conv2d(x, w, padding: [1, 1]);   // CPU ops are synchronous: done on return
        }, warmup + 1, reps + 2);
        return ArchitectureFlops.ConvProbe(channels, side, batch) / seconds / 1e9;
    }

    /// <summary>GFLOP/s of an n×n by n×n matrix product in <paramref name="dtype"/>.</summary>
    public double MatmulGflops(int n, ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        var a = randn(n, n).to_type(dtype);
        var b = randn(n, n).to_type(dtype);
        var seconds = StepTimer.Best(() =>
        {
            using var s = NewDisposeScope();
            matmul(a, b);
        }, warmup + 1, reps + 2);
        return 2.0 * n * n * n / seconds / 1e9;
    }
}
