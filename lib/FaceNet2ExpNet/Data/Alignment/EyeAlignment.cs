using FaceNet2ExpNet.Networks.FaceApi;

namespace FaceNet2ExpNet.Data.Alignment;

/// <summary>
/// The similarity transform of the paper's face normalisation (Sec. IV-A): rotate so the eyes are level, scale so they
/// are <see cref="EyeDistance"/>·size apart, and place their midpoint at (0.5, <see cref="EyeHeight"/>)·size of the crop.
/// </summary>
public sealed record EyeAlignment(double EyeDistance = 0.30, double EyeHeight = 0.36)
{
    /// <summary>Maps output pixel centres to frame coordinates: source = (A·u + B·v + C, D·u + E·v + F).</summary>
    public readonly record struct Inverse(double A, double B, double C, double D, double E, double F, double Scale)
    {
        public FacePoint Apply(double u, double v) => new(A * u + B * v + C, D * u + E * v + F);
    }

    /// <summary>The output→frame map for eyes at <paramref name="left"/> and <paramref name="right"/> (picture left/right).</summary>
    public Inverse For(FacePoint left, FacePoint right, int size)
    {
        var (dx, dy) = (right.X - left.X, right.Y - left.Y);
        var distance = Math.Sqrt(dx * dx + dy * dy);
        if (distance < 1e-6) throw new ArgumentException("The two eye centres coincide; the face cannot be aligned.");
        var scale = EyeDistance * size / distance;          // output pixels per frame pixel
        var (cos, sin) = (dx / distance, dy / distance);      // the eye line's direction in the frame
        var (mx, my) = ((left.X + right.X) / 2, (left.Y + right.Y) / 2);
        var (u0, v0) = (0.5 * size, EyeHeight * size);
        // frame = mid + R(θ)·(out − target)/scale, R(θ) turning the output's horizontal onto the eye line.
        return new Inverse(cos / scale, -sin / scale, mx - (cos * u0 - sin * v0) / scale,
                           sin / scale, cos / scale, my - (sin * u0 + cos * v0) / scale, scale);
    }

    /// <summary>
    /// The aligned square of side <paramref name="size"/>: each output pixel averages k×k bilinear samples of the frame
    /// (k = ⌈1/scale⌉, so shrinking does not alias); samples outside the frame take the nearest edge pixel.
    /// </summary>
    public ImageDecoder.Rgb Warp(ImageDecoder.Rgb frame, Inverse map, int size)
    {
        var k = Math.Max(1, (int)Math.Ceiling(1 / map.Scale - 1e-9));
        var output = new byte[size * size * 3];
        var sum = new double[3];
        for (var v = 0; v < size; v++)
        for (var u = 0; u < size; u++)
        {
            Array.Clear(sum);
            for (var j = 0; j < k; j++)
            for (var i = 0; i < k; i++)
            {
                // Pixel centres: output (u + (i + ½)/k, v + (j + ½)/k) → frame, whose pixel centres are at integers + ½.
                var p = map.Apply(u + (i + 0.5) / k, v + (j + 0.5) / k);
                Sample(frame, p.X - 0.5, p.Y - 0.5, sum);
            }
            for (var c = 0; c < 3; c++) output[(v * size + u) * 3 + c] = (byte)Math.Clamp(Math.Round(sum[c] / (k * k)), 0, 255);
        }
        return new ImageDecoder.Rgb(output, size, size);
    }

    private static void Sample(ImageDecoder.Rgb f, double x, double y, double[] sum)
    {
        x = Math.Clamp(x, 0, f.Width - 1);
        y = Math.Clamp(y, 0, f.Height - 1);
        var (x0, y0) = ((int)x, (int)y);
        var (x1, y1) = (Math.Min(x0 + 1, f.Width - 1), Math.Min(y0 + 1, f.Height - 1));
        var (fx, fy) = (x - x0, y - y0);
        for (var c = 0; c < 3; c++)
        {
            double Px(int xx, int yy) => f.Pixels[(yy * f.Width + xx) * 3 + c];
            var top = Px(x0, y0) + (Px(x1, y0) - Px(x0, y0)) * fx;
            var bottom = Px(x0, y1) + (Px(x1, y1) - Px(x0, y1)) * fx;
            sum[c] += top + (bottom - top) * fy;
        }
    }
}
