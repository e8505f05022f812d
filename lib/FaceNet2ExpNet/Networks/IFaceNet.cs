using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Networks;

/// <summary>
/// A face recognition net as the method uses it: a frozen teacher whose pool5 supervises stage 1 (eq. 4), a classifier
/// that can be fine-tuned on expressions (the baseline), and named taps for the layer-selection analysis (Sec. III-C).
/// </summary>
public interface IFaceNet
{
    /// <summary>Short name used in run folders and tables ("vgg16").</summary>
    string Name { get; }
    NetworkSize Size { get; }
    /// <summary>Shape of the layer that supervises stage 1 (VGG-16: pool5).</summary>
    FeatureShape Pool5Shape { get; }
    /// <summary>Tap names in depth order (VGG-16: pool4, pool5, fc6, fc7).</summary>
    IReadOnlyList<string> TapNames { get; }
    /// <summary>Number of outputs of the last layer (identities when pre-training, expressions when fine-tuned).</summary>
    int Classes { get; }

    /// <summary>G(I) of eq. 4.</summary>
    Tensor Pool5(Tensor images);
    /// <summary>The requested taps from one forward pass.</summary>
    Dictionary<string, Tensor> Taps(Tensor images, IReadOnlyCollection<string> names);
    /// <summary>A copy with a new, randomly initialised last layer for <paramref name="classes"/> outputs (fine-tuning).</summary>
    IFaceNet ForClasses(int classes);
    /// <summary>The last layer's parameters (VGG-16: fc8): new for each task, so fine-tuning may train them faster (Caffe's lr_mult).</summary>
    IEnumerable<Parameter> ClassifierParameters();
    /// <summary>The network as a module (train/eval, parameters, save/load, class scores).</summary>
    nn.Module<Tensor, Tensor> Module { get; }
}
