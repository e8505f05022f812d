namespace FaceNet2ExpNet.Networks.Human;

/// <summary>
/// The structure of Human's faceres.json as the port reproduces it: Keras' MobileNet v1 at width 1.0 — conv1, then 13
/// depthwise-separable pairs conv_dw_i / conv_pw_i — and the names of the weights tfjs-converter left in its manifest.
/// </summary>
public static class FaceResGraph
{
    /// <summary>One conv layer of the graph: its name, channels in and out, kernel, stride, depthwise or full.</summary>
    public sealed record Layer(string Name, int In, int Out, int Kernel, int Stride, bool Depthwise);

    /// <summary>The 27 conv layers in order (strides 2 at conv1, conv_dw_2, conv_dw_4, conv_dw_6, conv_dw_12).</summary>
    public static IReadOnlyList<Layer> Layers { get; } = Build();

    /// <summary>The fully connected layers above the pool: (name, in, out).</summary>
    public static IReadOnlyList<(string Name, int In, int Out)> Dense { get; } = [("feats", 1024, 256), ("gender_pred", 256, 1), ("age_pred", 256, 100)];

    /// <summary>Every weight name of the manifest (128: 127 float16 tensors and the pool's int32 axes).</summary>
    public static IEnumerable<string> WeightNames()
    {
        foreach (var (name, _, _) in Dense) { yield return $"{name}/kernel"; yield return $"{name}/bias"; }
        foreach (var l in Layers)
        {
            yield return l.Depthwise ? $"{l.Name}/depthwise_kernel" : $"{l.Name}/convolution/merged_input";
            if (l.Depthwise) yield return $"{l.Name}_bn/batchnorm_1/mul";
            yield return $"{l.Name}_bn/batchnorm_1/sub";
            yield return $"{l.Name}_relu/Cast";
            yield return $"{l.Name}_relu/Const_1";
        }
        yield return "global_pooling/Mean/reduction_indices";
    }

    private static List<Layer> Build()
    {
        var layers = new List<Layer> { new("conv1", 3, 32, 3, 2, false) };
        // (pointwise output channels, depthwise stride) of blocks 1…13.
        (int Out, int Stride)[] blocks = [(64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2), (512, 1), (512, 1), (512, 1), (512, 1), (512, 1), (1024, 2), (1024, 1)];
        var channels = 32;
        for (var i = 0; i < blocks.Length; i++)
        {
            layers.Add(new($"conv_dw_{i + 1}", channels, channels, 3, blocks[i].Stride, true));
            layers.Add(new($"conv_pw_{i + 1}", channels, blocks[i].Out, 1, 1, false));
            channels = blocks[i].Out;
        }
        return layers;
    }
}
