using static TorchSharp.torch;

namespace FaceNet2ExpNet.Training;

/// <summary>
/// A CPU copy of a model's state dict: what a run rolls back to when it diverges before its first checkpoint.
/// Empty until <see cref="Take"/>; disposing frees the copies.
/// </summary>
public sealed class WeightSnapshot : IDisposable
{
    private Dictionary<string, Tensor>? state;

    /// <summary>Copies <paramref name="model"/>'s weights and buffers; returns <paramref name="passThrough"/> for chaining.</summary>
    public T Take<T>(nn.Module model, T passThrough)
    {
        Dispose();
        using var _ = no_grad();
        using var scope = NewDisposeScope();   // frees the detach()/cpu() views; only the clones leave
        state = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().cpu().clone().DetachFromDisposeScope());
        return passThrough;
    }

    /// <summary>Writes the copied values back into <paramref name="model"/>.</summary>
    /// <exception cref="InvalidOperationException">Nothing was taken.</exception>
    public void Restore(nn.Module model)
    {
        if (state is null) throw new InvalidOperationException("No weights to roll back to: the run resumed from a checkpoint that is now gone.");
        using var _ = no_grad();
        foreach (var (key, value) in model.state_dict()) value.copy_(state[key]);
    }

    public void Dispose()
    {
        if (state is null) return;
        foreach (var t in state.Values) t.Dispose();
        state = null;
    }
}
