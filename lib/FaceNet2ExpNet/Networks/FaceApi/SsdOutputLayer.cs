using static TorchSharp.torch;

namespace FaceNet2ExpNet.Networks.FaceApi;

/// <summary>
/// ssdMobilenetv1/outputLayer.ts: decodes the box encodings against the anchors (Output/extra_dim, the TF Object
/// Detection API's box coder with scales 10, 10, 5, 5) and turns the face logit into a score. The float32 operations
/// are those of face-api, in its order.
/// </summary>
public static class SsdOutputLayer
{
    /// <summary>
    /// Anchors A×4 and encodings N×A×4 (both [y0, x0, y1, x1] / [ty, tx, th, tw]) → boxes N×A×4 as [ymin, xmin, ymax, xmax]
    /// in fractions of the padded square input (not clipped: a box may reach outside [0, 1]).
    /// </summary>
    public static Tensor DecodeBoxes(Tensor anchors, Tensor encodings)
    {
        using var scope = NewDisposeScope();
        // getCenterCoordinatesAndSizesLayer
        var (a0, a1, a2, a3) = (anchors[.., 0], anchors[.., 1], anchors[.., 2], anchors[.., 3]);
        var (size0, size1) = (a2 - a0, a3 - a1);
        var (centre0, centre1) = (a0 + size0 / 2f, a1 + size1 / 2f);
        // decodeBoxesLayer
        var (p0, p1, p2, p3) = (encodings[.., .., 0], encodings[.., .., 1], encodings[.., .., 2], encodings[.., .., 3]);
        var half0 = (p2 / 5f).exp() * size0 / 2f;
        var mid0 = p0 / 10f * size0 + centre0;
        var half1 = (p3 / 5f).exp() * size1 / 2f;
        var mid1 = p1 / 10f * size1 + centre1;
        return stack([mid0 - half0, mid1 - half1, mid0 + half0, mid1 + half1], 2).MoveToOuterDisposeScope();
    }

    /// <summary>Class logits N×A×3 → face scores N×A: sigmoid of the second class (the first is the background).</summary>
    public static Tensor Scores(Tensor classLogits) => classLogits[.., .., 1].sigmoid();
}
