using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FaceNet2ExpNet.Networks;

/// <summary>
/// The new last layer a pretrained face net gets for fine-tuning: batch norm over the descriptor (N×D), then a linear
/// layer N(0, 0.01²) to the classes (N×classes). The paper puts a plain fc8 on VGG-Face's fc7; a real pretrained
/// descriptor is a poor input for one: face-api's 128-d descriptor has a large common component and per-dimension
/// spread ≈ 0.03, so SGD's effective rate on a plain linear layer is ~1e-3 of the nominal one and the fine-tune baseline
/// sat at the class prior for its whole schedule (a linear classifier on the frozen descriptor: 25 % after 160 steps raw,
/// 46 % standardised, fold 0 of the embedded default). The batch norm standardises each descriptor dimension, with
/// running statistics for evaluation, and learns with the classifier (its parameters are new layers for lr_mult).
/// </summary>
public sealed class DescriptorClassifier : Module<Tensor, Tensor>
{
    private readonly BatchNorm1d norm;
    private readonly Linear linear;

    /// <exception cref="ArgumentException">A descriptor length below 1 or fewer than 2 classes.</exception>
    public DescriptorClassifier(int descriptorLength, int classes) : base(nameof(DescriptorClassifier))
    {
        if (descriptorLength < 1) throw new ArgumentException($"Descriptor length must be positive, got {descriptorLength}.");
        if (classes < 2) throw new ArgumentException($"A classifier needs at least 2 classes, got {classes}.");
        norm = BatchNorm1d(descriptorLength);
        linear = Init.Gaussian(Linear(descriptorLength, classes), std: 0.01);
        RegisterComponents();
    }

    /// <param name="descriptor">N×D descriptors (N ≥ 2 in training mode, as batch norm needs).</param>
    /// <returns>N×classes scores.</returns>
    public override Tensor forward(Tensor descriptor) => linear.call(norm.call(descriptor));
}
