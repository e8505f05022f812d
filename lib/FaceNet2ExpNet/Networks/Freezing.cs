using static TorchSharp.torch;

namespace FaceNet2ExpNet.Networks;

/// <summary>Freezing a teacher net: stage 1 uses the fine-tuned face net as a fixed G(I) (Sec. III-B).</summary>
public static class Freezing
{
    /// <summary>Eval mode (dropout off) and no gradients for any parameter; returns the same module.</summary>
    public static T Frozen<T>(this T module) where T : nn.Module
    {
        module.eval();
        foreach (var p in module.parameters()) p.requires_grad = false;
        return module;
    }
}
