using SkiaSharp;

namespace FaceNet2ExpNet.Reporting;

/// <summary>
/// A labelled grid of same-size RGB images as one JPEG: the synthetic-data sample sheet (rows = expressions, columns =
/// subjects) and the neuron visualisations of Figs. 4–5. Empty cells stay grey.
/// </summary>
public static class ImageGrid
{
    /// <summary>JPEG quality of the sheets: faces stay sharp at about a tenth of the PNG's size.</summary>
    public const int JpegQuality = 90;

    /// <param name="cells">cells[row][column]: RGB bytes (row-major) of a <paramref name="size"/>² image, or null.</param>
    /// <param name="rowLabels">Text at the left of each row (may be empty).</param>
    /// <param name="scale">Each image is drawn scale× larger (nearest neighbour keeps small images crisp).</param>
    /// <returns>The JPEG file's bytes.</returns>
    public static byte[] Jpeg(IReadOnlyList<IReadOnlyList<byte[]?>> cells, int size, IReadOnlyList<string> rowLabels, int scale = 2)
    {
        var columns = cells.Max(r => r.Count);
        var cell = size * scale;
        const int pad = 4, label = 96;
        int width = label + columns * (cell + pad) + pad, height = cells.Count * (cell + pad) + pad;
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        using var empty = new SKPaint { Color = new SKColor(220, 220, 220) };
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var font = new SKFont(SKTypeface.Default, 15);
        for (var r = 0; r < cells.Count; r++)
        {
            var y = pad + r * (cell + pad);
            if (r < rowLabels.Count) canvas.DrawText(rowLabels[r], 6, y + cell / 2f + 5, SKTextAlign.Left, font, ink);
            for (var c = 0; c < columns; c++)
            {
                var x = label + pad + c * (cell + pad);
                var rgb = c < cells[r].Count ? cells[r][c] : null;
                if (rgb is null) { canvas.DrawRect(x, y, cell, cell, empty); continue; }
                using var image = ToImage(rgb, size);
                canvas.DrawImage(image, new SKRect(x, y, x + cell, y + cell), new SKSamplingOptions(SKFilterMode.Nearest));
            }
        }
        canvas.Flush();
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, JpegQuality);
        return data.ToArray();
    }

    private static SKImage ToImage(byte[] rgb, int size)
    {
        var rgba = new byte[size * size * 4];
        for (var p = 0; p < size * size; p++)
        {
            rgba[4 * p] = rgb[3 * p];
            rgba[4 * p + 1] = rgb[3 * p + 1];
            rgba[4 * p + 2] = rgb[3 * p + 2];
            rgba[4 * p + 3] = 255;
        }
        var info = new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Opaque);
        return SKImage.FromPixelCopy(info, rgba, size * 4);
    }
}
