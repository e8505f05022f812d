using SkiaSharp;

namespace FaceNet2ExpNet.Data.Synthetic;

/// <summary>
/// Draws a synthetic face (anti-aliased, colour) from an identity, action-unit intensities and image conditions, at any
/// size: everything is laid out in a 256×256 canonical frame (face centre at 128,124) and scaled. Head turn (yaw) is a
/// cylinder projection of the features; roll, scale and shift are a canvas transform; light and noise are applied to
/// the pixels. Returns RGB bytes, row-major.
/// </summary>
public static class FaceRenderer
{
    private const float Cx = 128, Cy = 124;

    public static byte[] Render(FaceIdentity id, ActionUnits au, ImageConditions c, int size)
    {
        if (size < 8) throw new ArgumentException($"Image size {size} is too small to draw a face.");
        using var bitmap = new SKBitmap(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Scale(size / 256f);
            DrawBackground(canvas, c);
            canvas.Translate(Cx + (float)c.ShiftX, Cy + (float)c.ShiftY);
            canvas.RotateDegrees((float)c.Roll);
            canvas.Scale((float)(1.12 * c.Scale));   // aligned crops are tight: the head fills the frame
            var face = new Layout(id, au, c.Yaw);
            DrawHead(canvas, face);
            DrawBrows(canvas, face);
            DrawEyes(canvas, face);
            DrawNose(canvas, face);
            DrawMouth(canvas, face);
            DrawAccessories(canvas, face);
            canvas.Flush();
        }
        return Develop(bitmap, c, size);
    }

    /// <summary>Positions of the features after identity, expression and head turn (origin at the face centre).</summary>
    private sealed class Layout(FaceIdentity id, ActionUnits au, double yaw)
    {
        public FaceIdentity Id { get; } = id;
        public ActionUnits Au { get; } = au;
        private readonly double radius = id.FaceHalfWidth * 1.08;

        /// <summary>A point on the face, turned by the yaw (the head as a cylinder; the nose tip sticks out).</summary>
        public SKPoint P(double x, double y, double depth = 0)
        {
            var angle = Math.Asin(Math.Clamp(x / radius, -1, 1)) + 0.45 * yaw;
            return new SKPoint((float)(radius * Math.Sin(angle) + depth * yaw), (float)y);
        }

        public double JawDrop => 9 * Au[Synthetic.Au.JawDrop];
        public SKColor SkinShade(double k) => Scale(Id.Skin, k);
    }

    private static void DrawBackground(SKCanvas canvas, ImageConditions c)
    {
        using var paint = new SKPaint
        {
            IsAntialias = true,
            Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(256, 256), [c.Background, c.Background2], SKShaderTileMode.Clamp),
        };
        canvas.DrawRect(0, 0, 256, 256, paint);
    }

    private static void DrawHead(SKCanvas canvas, Layout f)
    {
        var id = f.Id;
        float w = (float)id.FaceHalfWidth, h = (float)id.FaceHalfHeight;
        using var fill = Fill(id.Hair);
        if (id.HairStyle == HairStyle.Long)
            canvas.DrawRoundRect(new SKRect(-w - 16, -h - 10, w + 16, h * 0.95f), 60, 60, fill);

        // Shirt, neck and ears sit behind the face.
        using (var shirt = Fill(id.Shirt)) canvas.DrawOval(new SKPoint(0, h + 70), new SKSize(130, 60), shirt);
        using (var neck = Fill(f.SkinShade(0.82))) canvas.DrawRect(-w * 0.45f, h * 0.4f, w * 0.9f, 80, neck);
        using (var ear = Fill(f.SkinShade(0.9)))
            foreach (var s in new[] { -1, 1 })
            {
                var p = f.P(s * id.FaceHalfWidth * 0.97, id.EyeY + 10);
                canvas.DrawOval(p, new SKSize((float)id.EarSize * 0.45f, (float)id.EarSize), ear);
            }

        using var outline = FaceOutline(f);
        using var skin = new SKPaint
        {
            IsAntialias = true,
            Shader = SKShader.CreateRadialGradient(new SKPoint(-w * 0.2f, -h * 0.25f), h * 1.3f,
                [Scale(id.Skin, 1.06), id.Skin, Scale(id.Skin, 0.8)], [0, 0.55f, 1], SKShaderTileMode.Clamp),
        };
        canvas.DrawPath(outline, skin);

        if (id.Beard)
        {
            using var beard = Fill(id.Hair.WithAlpha(215));
            using var path = new SKPath();
            var jaw = (float)(id.FaceHalfWidth * id.Jaw);
            path.MoveTo(f.P(-id.FaceHalfWidth * 0.98, id.EyeY + 22));
            path.CubicTo(f.P(-jaw, h * 0.8), f.P(-w * 0.4, h + f.JawDrop + 6), f.P(0, h + f.JawDrop + 6));
            path.CubicTo(f.P(w * 0.4, h + f.JawDrop + 6), f.P(jaw, h * 0.8), f.P(id.FaceHalfWidth * 0.98, id.EyeY + 22));
            path.LineTo(f.P(id.MouthHalfWidth + 10, id.MouthY + 6 + f.JawDrop));
            path.QuadTo(f.P(0, id.MouthY + 22 + f.JawDrop), f.P(-id.MouthHalfWidth - 10, id.MouthY + 6 + f.JawDrop));
            path.Close();
            canvas.DrawPath(path, beard);
        }
        DrawHair(canvas, f, fill);
    }

    private static SKPath FaceOutline(Layout f)
    {
        var id = f.Id;
        double w = id.FaceHalfWidth, h = id.FaceHalfHeight, jaw = w * id.Jaw, chin = h + f.JawDrop;
        var path = new SKPath();
        path.MoveTo(f.P(0, -h));
        path.CubicTo(f.P(w * 0.6, -h), f.P(w, -h * 0.6), f.P(w, -h * 0.1));
        path.CubicTo(f.P(w, h * 0.25), f.P(jaw * 1.02, h * 0.45), f.P(jaw, h * 0.62));
        path.CubicTo(f.P(jaw * 0.8, h * 0.9), f.P(w * 0.35, chin), f.P(0, chin));
        path.CubicTo(f.P(-w * 0.35, chin), f.P(-jaw * 0.8, h * 0.9), f.P(-jaw, h * 0.62));
        path.CubicTo(f.P(-jaw * 1.02, h * 0.45), f.P(-w, h * 0.25), f.P(-w, -h * 0.1));
        path.CubicTo(f.P(-w, -h * 0.6), f.P(-w * 0.6, -h), f.P(0, -h));
        path.Close();
        return path;
    }

    private static void DrawHair(SKCanvas canvas, Layout f, SKPaint fill)
    {
        var id = f.Id;
        if (id.HairStyle == HairStyle.Bald) return;
        double w = id.FaceHalfWidth, h = id.FaceHalfHeight;
        var line = id.HairStyle == HairStyle.Fringe ? id.Hairline - 24 : id.Hairline;
        using var path = new SKPath();
        path.MoveTo(f.P(-w - 5, -line + 26));
        path.CubicTo(f.P(-w - 8, -h - 14), f.P(w + 8, -h - 14), f.P(w + 5, -line + 26));
        if (id.HairStyle == HairStyle.Fringe) path.CubicTo(f.P(w * 0.6, -line - 2), f.P(-w * 0.6, -line + 4), f.P(-w - 5, -line + 26));
        else path.QuadTo(f.P(0, -line - 14), f.P(-w - 5, -line + 26));
        path.Close();
        canvas.DrawPath(path, fill);
        if (id.HairStyle == HairStyle.Curly)
            for (var a = 0; a <= 10; a++)
            {
                var t = Math.PI * (1.05 + 0.9 * a / 10.0);
                canvas.DrawCircle(f.P(Math.Cos(t) * (w + 4), -line * 0.4 + Math.Sin(t) * (h * 0.75)), 11, fill);
            }
    }

    private static void DrawBrows(SKCanvas canvas, Layout f)
    {
        var id = f.Id;
        var au = f.Au;
        var color = Scale(id.Hair, id.Hair.Red > 180 ? 0.6 : 0.9);
        using var brow = Stroke(color, (float)id.BrowThickness);
        for (var s = -1; s <= 1; s += 2)
        {
            var y = id.EyeY - id.BrowGap + 7 * au[Au.BrowLower];
            var innerX = id.EyeSpacing - id.BrowLength * 0.45 - 5 * au[Au.BrowLower];
            var inner = f.P(s * innerX, y - 11 * au[Au.InnerBrowRaise] + 3 * au[Au.BrowLower]);
            var mid = f.P(s * id.EyeSpacing, y - 5 - 5 * au[Au.InnerBrowRaise] - 6 * au[Au.OuterBrowRaise]);
            var outer = f.P(s * (id.EyeSpacing + id.BrowLength * 0.55), y + 2 - 10 * au[Au.OuterBrowRaise]);
            using var path = new SKPath();
            path.MoveTo(inner);
            path.QuadTo(mid, outer);
            canvas.DrawPath(path, brow);
        }
        // Forehead lines when the brows go up, a vertical furrow when they are pulled together.
        var raise = Math.Max(au[Au.InnerBrowRaise], au[Au.OuterBrowRaise]);
        using var crease = Stroke(f.SkinShade(0.7).WithAlpha((byte)(170 * raise)), 1.6f);
        for (var k = 0; k < 3 && raise > 0.05; k++)
        {
            var y = id.EyeY - id.BrowGap - 16 - 7 * k;
            using var path = new SKPath();
            path.MoveTo(f.P(-22 + 3 * k, y + 2));
            path.QuadTo(f.P(0, y - 2), f.P(22 - 3 * k, y + 2));
            canvas.DrawPath(path, crease);
        }
        using var furrow = Stroke(f.SkinShade(0.65).WithAlpha((byte)(200 * au[Au.BrowLower])), 1.8f);
        if (au[Au.BrowLower] > 0.05)
            foreach (var x in new[] { -4.0, 4.0 })
                canvas.DrawLine(f.P(x, id.EyeY - id.BrowGap - 2), f.P(x * 0.8, id.EyeY - id.BrowGap + 10), furrow);
    }

    private static void DrawEyes(SKCanvas canvas, Layout f)
    {
        var id = f.Id;
        var au = f.Au;
        var open = id.EyeOpen * Math.Max(0.12, 1 + 0.8 * au[Au.UpperLidRaise] - 0.5 * au[Au.LidTighten] - 0.35 * au[Au.CheekRaise]);
        var lower = id.EyeOpen * 0.75 * (1 - 0.35 * au[Au.CheekRaise] - 0.3 * au[Au.LidTighten]);
        using var sclera = Fill(new SKColor(238, 236, 230));
        using var iris = Fill(id.Iris);
        using var pupil = Fill(new SKColor(15, 12, 12));
        using var lid = Stroke(f.SkinShade(0.35), 2.2f);
        using var lowerLid = Stroke(f.SkinShade(0.6), 1.2f);
        using var cheek = Stroke(f.SkinShade(0.72).WithAlpha((byte)(190 * au[Au.CheekRaise])), 1.8f);
        for (var s = -1; s <= 1; s += 2)
        {
            double ex = s * id.EyeSpacing, ey = id.EyeY, hw = id.EyeHalfWidth;
            var innerCorner = f.P(ex - s * hw, ey);
            var outerCorner = f.P(ex + s * hw, ey - 1);
            var top = f.P(ex, ey - 2 * open);            // quadratic control points: the curve peaks at half these offsets
            var bottom = f.P(ex, ey + 2 * lower);
            using var eye = new SKPath();
            eye.MoveTo(innerCorner);
            eye.QuadTo(top, outerCorner);
            eye.QuadTo(bottom, innerCorner);
            eye.Close();
            canvas.DrawPath(eye, sclera);
            canvas.Save();
            canvas.ClipPath(eye, antialias: true);
            var centre = f.P(ex, ey + 0.5, depth: 2);
            var r = (float)(hw * 0.48);
            canvas.DrawCircle(centre, r, iris);
            canvas.DrawCircle(centre, r * 0.45f, pupil);
            canvas.Restore();
            using var upper = new SKPath();
            upper.MoveTo(innerCorner);
            upper.QuadTo(top, outerCorner);
            canvas.DrawPath(upper, lid);
            using var under = new SKPath();
            under.MoveTo(innerCorner);
            under.QuadTo(bottom, outerCorner);
            canvas.DrawPath(under, lowerLid);
            if (au[Au.CheekRaise] > 0.05)
            {
                using var bulge = new SKPath();
                bulge.MoveTo(f.P(ex - s * hw * 0.8, ey + lower + 5));
                bulge.QuadTo(f.P(ex, ey + lower + 10), f.P(ex + s * hw * 0.9, ey + lower + 3));
                canvas.DrawPath(bulge, cheek);
            }
        }
    }

    private static void DrawNose(SKCanvas canvas, Layout f)
    {
        var id = f.Id;
        var au = f.Au;
        var wrinkle = au[Au.NoseWrinkle];
        var tipY = id.EyeY + id.NoseLength;
        var nostrilY = tipY + 2 - 3 * wrinkle - 2 * au[Au.UpperLipRaise];
        var wing = id.NoseWidth * 0.5 * (1 + 0.15 * wrinkle);
        using var ridge = Stroke(f.SkinShade(0.78), 1.5f);
        using var ridgePath = new SKPath();
        ridgePath.MoveTo(f.P(-4, id.EyeY + 4));
        ridgePath.QuadTo(f.P(-wing * 0.7, tipY - 6, 4), f.P(-wing, nostrilY - 1, 3));
        canvas.DrawPath(ridgePath, ridge);
        using var tip = Fill(f.SkinShade(0.9));
        canvas.DrawOval(f.P(0, tipY - 2, 6), new SKSize((float)(wing * 0.6), 5), tip);
        using var nostril = Fill(f.SkinShade(0.35));
        foreach (var s in new[] { -1, 1 })
            canvas.DrawOval(f.P(s * wing * 0.55, nostrilY, 4), new SKSize(3.6f, 2.2f), nostril);
        using var wings = Stroke(f.SkinShade(0.6), 1.4f);
        foreach (var s in new[] { -1, 1 })
        {
            using var path = new SKPath();
            path.MoveTo(f.P(s * wing * 0.6, nostrilY - 5, 3));
            path.QuadTo(f.P(s * (wing + 3), nostrilY - 1, 3), f.P(s * wing * 0.7, nostrilY + 2, 3));
            canvas.DrawPath(path, wings);
        }
        if (wrinkle > 0.05)
        {
            using var lines = Stroke(f.SkinShade(0.6).WithAlpha((byte)(220 * wrinkle)), 1.4f);
            for (var k = 0; k < 3; k++)
            {
                var y = id.EyeY + 5 + 4 * k;
                canvas.DrawLine(f.P(-6, y, 1), f.P(6, y + 1, 1), lines);
            }
        }
    }

    private static void DrawMouth(SKCanvas canvas, Layout f)
    {
        var id = f.Id;
        var au = f.Au;
        double pull = au[Au.LipCornerPull], depress = au[Au.LipCornerDepress], stretch = au[Au.LipStretch], tight = au[Au.LipTighten];
        var open = Math.Max(0, 3 * au[Au.LipsPart] + 20 * au[Au.JawDrop] + 4 * au[Au.UpperLipRaise] - 3 * tight);
        var thickness = id.LipThickness * (1 - 0.6 * tight);
        var y = id.MouthY;
        SKPoint Corner(int s)
        {
            var up = 9 * pull - 8 * depress + (s > 0 ? 9 * au[Au.LipCornerPullRight] : 0);
            var outward = 5 * pull + 9 * stretch - 6 * tight + (s > 0 ? 3 * au[Au.LipCornerPullRight] : 0);
            return f.P(s * (id.MouthHalfWidth + outward), y - up + 1.5 * stretch);
        }
        var left = Corner(-1);
        var right = Corner(1);
        var upperInner = y - 0.25 * open - 4 * au[Au.UpperLipRaise];
        var lowerInner = y + 0.75 * open - 3 * au[Au.ChinRaise];

        // Smile and nasolabial folds.
        var fold = Math.Clamp(0.25 + Math.Max(pull, Math.Max(au[Au.UpperLipRaise], au[Au.NoseWrinkle])), 0, 1);
        using (var folds = Stroke(f.SkinShade(0.7).WithAlpha((byte)(150 * fold)), 1.5f))
            foreach (var s in new[] { -1, 1 })
            {
                using var path = new SKPath();
                path.MoveTo(f.P(s * (id.NoseWidth * 0.6 + 3), id.EyeY + id.NoseLength + 2, 2));
                path.QuadTo(f.P(s * (id.MouthHalfWidth + 8 + 5 * pull), y - 8), f.P(s * (id.MouthHalfWidth + 6 + 4 * pull), y + 6));
                canvas.DrawPath(path, folds);
            }

        if (open > 0.6)
        {
            using var inside = new SKPath();
            inside.MoveTo(left);
            Edge(inside, f, left, upperInner, right, id.MouthHalfWidth);
            Edge(inside, f, right, lowerInner, left, id.MouthHalfWidth);
            inside.Close();
            using (var dark = Fill(new SKColor(60, 20, 25))) canvas.DrawPath(inside, dark);
            canvas.Save();
            canvas.ClipPath(inside, antialias: true);
            using (var teeth = Fill(new SKColor(236, 232, 220)))
                canvas.DrawRect(new SKRect(-(float)id.MouthHalfWidth, (float)(upperInner - 4), (float)id.MouthHalfWidth, (float)(upperInner + Math.Min(5, open * 0.35))), teeth);
            canvas.Restore();
        }

        using var lips = Fill(id.Lips);
        using var upper = new SKPath();
        upper.MoveTo(left);
        upper.CubicTo(f.P(-id.MouthHalfWidth * 0.5, upperInner - thickness * 1.6), f.P(-3, upperInner - thickness * 1.9), f.P(0, upperInner - thickness * 1.3));
        upper.CubicTo(f.P(3, upperInner - thickness * 1.9), f.P(id.MouthHalfWidth * 0.5, upperInner - thickness * 1.6), right);
        Edge(upper, f, right, upperInner, left, id.MouthHalfWidth);
        upper.Close();
        canvas.DrawPath(upper, lips);
        using var lower = new SKPath();
        lower.MoveTo(left);
        Edge(lower, f, left, lowerInner, right, id.MouthHalfWidth);
        Edge(lower, f, right, lowerInner + 1.3 * thickness + au[Au.ChinRaise], left, id.MouthHalfWidth, bulge: 1.3 * thickness);
        lower.Close();
        canvas.DrawPath(lower, lips);
        using (var seam = Stroke(Scale(id.Lips, 0.55), 1.3f))
        {
            using var path = new SKPath();
            path.MoveTo(left);
            Edge(path, f, left, upperInner, right, id.MouthHalfWidth);
            canvas.DrawPath(path, seam);
        }

        if (au[Au.DimpleRight] > 0.05)
        {
            using var dimple = Stroke(f.SkinShade(0.6).WithAlpha((byte)(220 * au[Au.DimpleRight])), 1.6f);
            using var path = new SKPath();
            path.MoveTo(new SKPoint(right.X + 3, right.Y - 5));
            path.QuadTo(new SKPoint(right.X + 6, right.Y), new SKPoint(right.X + 3, right.Y + 5));
            canvas.DrawPath(path, dimple);
        }
        if (au[Au.ChinRaise] > 0.05)
        {
            using var chin = Stroke(f.SkinShade(0.75).WithAlpha((byte)(170 * au[Au.ChinRaise])), 1.5f);
            using var path = new SKPath();
            var cy = lowerInner + 2.6 * thickness + 9;
            path.MoveTo(f.P(-9, cy));
            path.QuadTo(f.P(0, cy + 4), f.P(9, cy));
            canvas.DrawPath(path, chin);
        }
        if (id.Moustache)
        {
            using var moustache = Stroke(id.Hair.WithAlpha(230), 5f);
            using var path = new SKPath();
            path.MoveTo(new SKPoint(left.X - 2, left.Y - 2));
            path.QuadTo(f.P(0, upperInner - thickness * 2 - 9), new SKPoint(right.X + 2, right.Y - 2));
            canvas.DrawPath(path, moustache);
        }
    }

    /// <summary>
    /// A lip edge from one corner to the other as two half-curves meeting at the mouth's centre line (height
    /// <paramref name="middle"/> + <paramref name="bulge"/>), so moving one corner (contempt) reshapes only its own side.
    /// </summary>
    private static void Edge(SKPath path, Layout f, SKPoint from, double middle, SKPoint to, double halfWidth, double bulge = 0)
    {
        var sign = Math.Sign(to.X - from.X);
        var centre = f.P(0, middle + bulge);
        path.QuadTo(f.P(-sign * halfWidth * 0.55, middle + bulge), centre);
        path.QuadTo(f.P(sign * halfWidth * 0.55, middle + bulge), to);
    }

    private static void DrawAccessories(SKCanvas canvas, Layout f)
    {
        var id = f.Id;
        if (!id.Glasses) return;
        using var frame = Stroke(id.GlassesColor, 2.6f);
        foreach (var s in new[] { -1, 1 })
        {
            var centre = f.P(s * id.EyeSpacing, id.EyeY + 1, 3);
            var hw = (float)(id.EyeHalfWidth + 6);
            canvas.DrawRoundRect(new SKRect(centre.X - hw, centre.Y - 11, centre.X + hw, centre.Y + 11), 6, 6, frame);
        }
        canvas.DrawLine(f.P(-id.EyeSpacing + id.EyeHalfWidth + 6, id.EyeY - 2, 3), f.P(id.EyeSpacing - id.EyeHalfWidth - 6, id.EyeY - 2, 3), frame);
    }

    /// <summary>Reads the pixels back as RGB, applying exposure, a side light and sensor noise.</summary>
    private static byte[] Develop(SKBitmap bitmap, ImageConditions c, int size)
    {
        var rgba = bitmap.GetPixelSpan();
        var rgb = new byte[size * size * 3];
        var (dx, dy) = (Math.Cos(c.LightAngle), Math.Sin(c.LightAngle));
        var noise = new NoiseSource(c.NoiseSeed);
        for (var y = 0; y < size; y++)
        for (var x = 0; x < size; x++)
        {
            var p = y * size + x;
            var light = c.Brightness * (1 + c.LightStrength * (dx * (2.0 * x / size - 1) + dy * (2.0 * y / size - 1)));
            var n = c.Noise * noise.Next();
            for (var ch = 0; ch < 3; ch++)
                rgb[3 * p + ch] = (byte)Math.Clamp(Math.Round(rgba[4 * p + ch] * light + n), 0, 255);
        }
        return rgb;
    }

    /// <summary>Deterministic approximately-normal noise (xorshift, sum of four uniforms).</summary>
    private struct NoiseSource(int seed)
    {
        private uint state = (uint)seed * 2654435761u | 1u;

        public double Next()
        {
            double sum = 0;
            for (var i = 0; i < 4; i++)
            {
                state ^= state << 13; state ^= state >> 17; state ^= state << 5;
                sum += state / (double)uint.MaxValue;
            }
            return (sum - 2) * 1.732;   // variance of a sum of 4 uniforms is 1/3
        }
    }

    private static SKPaint Fill(SKColor color) => new() { IsAntialias = true, Color = color, Style = SKPaintStyle.Fill };

    private static SKPaint Stroke(SKColor color, float width) => new()
    {
        IsAntialias = true, Color = color, Style = SKPaintStyle.Stroke, StrokeWidth = width, StrokeCap = SKStrokeCap.Round,
    };

    private static SKColor Scale(SKColor c, double k) => new(
        (byte)Math.Clamp(c.Red * k, 0, 255), (byte)Math.Clamp(c.Green * k, 0, 255), (byte)Math.Clamp(c.Blue * k, 0, 255), c.Alpha);
}
