using FaceNet2ExpNet.Data;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Networks.FaceApi;

/// <summary>
/// An RGB image as float pixels (0–255, H×W×3) with the preprocessing face-api applies before each of its nets
/// (NetInput.toBatchTensor): zero-pad to a square, then TensorFlow's bilinear resize without half-pixel centres. These
/// are re-implemented with tfjs-backend-cpu's arithmetic (double, stored as float32), because torch's resize samples
/// half-pixel centres and would shift every box and landmark by a fraction of a pixel.
/// </summary>
public sealed record TfImage(float[] Pixels, int Width, int Height)
{
    /// <summary>The decoded bytes as floats.</summary>
    public static TfImage FromRgb(ImageDecoder.Rgb rgb)
    {
        if (rgb.Pixels.Length != rgb.Width * rgb.Height * 3)
            throw new ArgumentException($"{rgb.Pixels.Length} bytes is not {rgb.Width}×{rgb.Height} RGB.");
        return new TfImage(rgb.Pixels.Select(b => (float)b).ToArray(), rgb.Width, rgb.Height);
    }

    /// <summary>The region x…x+w, y…y+h (integers, inside the image), as tf.slice3d.</summary>
    public TfImage Slice(int x, int y, int w, int h)
    {
        if (x < 0 || y < 0 || w <= 0 || h <= 0 || x + w > Width || y + h > Height)
            throw new ArgumentException($"Region ({x}, {y}, {w}×{h}) is not inside the {Width}×{Height} image.");
        var pixels = new float[w * h * 3];
        for (var r = 0; r < h; r++)
            Array.Copy(Pixels, ((y + r) * Width + x) * 3, pixels, r * w * 3, w * 3);
        return new TfImage(pixels, w, h);
    }

    /// <summary>
    /// padToSquare: zeros appended to the shorter side — all at the end, or (<paramref name="centre"/>) round(d/2) at the
    /// end and the rest at the start, JavaScript's Math.round rounding halves up.
    /// </summary>
    public TfImage PadToSquare(bool centre)
    {
        if (Width == Height) return this;
        var diff = Math.Abs(Width - Height);
        var after = centre ? (int)Math.Floor(diff * 0.5 + 0.5) : diff;
        var before = diff - after;
        var side = Math.Max(Width, Height);
        var (dx, dy) = Width < Height ? (before, 0) : (0, before);
        var pixels = new float[side * side * 3];
        for (var r = 0; r < Height; r++)
            Array.Copy(Pixels, r * Width * 3, pixels, ((r + dy) * side + dx) * 3, Width * 3);
        return new TfImage(pixels, side, side);
    }

    /// <summary>tf.image.resizeBilinear(alignCorners = false, halfPixelCenters = false): source = destination · in/out.</summary>
    public TfImage ResizeBilinear(int newWidth, int newHeight)
    {
        var result = new float[newWidth * newHeight * 3];
        var rowRatio = (double)Height / newHeight;
        var colRatio = (double)Width / newWidth;
        var i = 0;
        for (var r = 0; r < newHeight; r++)
        {
            var sr = rowRatio * r;
            var r0 = Math.Max(0, (int)Math.Floor(sr));
            var rf = sr - r0;
            var r1 = Math.Min(Height - 1, (int)Math.Ceiling(sr));
            for (var c = 0; c < newWidth; c++)
            {
                var sc = colRatio * c;
                var c0 = Math.Max(0, (int)Math.Floor(sc));
                var cf = sc - c0;
                var c1 = Math.Min(Width - 1, (int)Math.Ceiling(sc));
                for (var d = 0; d < 3; d++)
                {
                    double tl = Pixels[(r0 * Width + c0) * 3 + d], tr = Pixels[(r0 * Width + c1) * 3 + d];
                    double bl = Pixels[(r1 * Width + c0) * 3 + d], br = Pixels[(r1 * Width + c1) * 3 + d];
                    var top = tl + (tr - tl) * cf;
                    var bottom = bl + (br - bl) * cf;
                    result[i++] = (float)(top + (bottom - top) * rf);
                }
            }
        }
        return new TfImage(result, newWidth, newHeight);
    }

    /// <summary>NetInput.toBatchTensor(size, centre): pad to a square, resize to size², as a 1×3×size×size tensor (0–255).</summary>
    public Tensor ToBatchTensor(int size, bool centre)
    {
        var square = PadToSquare(centre);
        if (square.Width != size) square = square.ResizeBilinear(size, size);
        return square.ToTensor();
    }

    /// <summary>The pixels as a 1×3×H×W float tensor (0–255).</summary>
    public Tensor ToTensor()
    {
        using var scope = NewDisposeScope();
        return tensor(Pixels, [Height, Width, 3]).permute(2, 0, 1).unsqueeze(0).contiguous().MoveToOuterDisposeScope();
    }
}
