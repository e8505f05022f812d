using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Networks;

/// <summary>Weight initialisation used by the networks here.</summary>
public static class Init
{
    /// <summary>He (Kaiming) normal for a ReLU conv layer, zero bias: trains from scratch without BN at 16+ layers.</summary>
    public static T He<T>(T conv) where T : nn.Module
    {
        using var _ = no_grad();
        foreach (var (name, p) in conv.named_parameters())
        {
            if (name == "weight") nn.init.kaiming_normal_(p, nonlinearity: nn.init.NonlinearityType.ReLU);
            else if (name == "bias") p.zero_();
        }
        return conv;
    }

    /// <summary>Gaussian N(0, std²) weights, zero bias: the paper's initialisation of the appended FC layers.</summary>
    public static Linear Gaussian(Linear fc, double std)
    {
        using var _ = no_grad();
        nn.init.normal_(fc.weight, 0, std);
        if (fc.bias is not null) fc.bias.zero_();
        return fc;
    }
}
