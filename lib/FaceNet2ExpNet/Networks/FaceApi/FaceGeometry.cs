namespace FaceNet2ExpNet.Networks.FaceApi;

/// <summary>A point in image pixels.</summary>
public readonly record struct FacePoint(double X, double Y)
{
    public static FacePoint Mean(IEnumerable<FacePoint> points)
    {
        double x = 0, y = 0, n = 0;
        foreach (var p in points) { x += p.X; y += p.Y; n++; }
        return new FacePoint(x / n, y / n);
    }

    public double DistanceTo(FacePoint other) => Math.Sqrt((X - other.X) * (X - other.X) + (Y - other.Y) * (Y - other.Y));
}

/// <summary>An axis-aligned box in pixels (face-api's Box: x, y, width, height, all fractional).</summary>
public readonly record struct FaceBox(double X, double Y, double Width, double Height)
{
    public double Right => X + Width;
    public double Bottom => Y + Height;
    public double Area => Width * Height;

    public FaceBox Floor() => new(Math.Floor(X), Math.Floor(Y), Math.Floor(Width), Math.Floor(Height));

    /// <summary>Box.clipAtImageBorders: the part inside the image, floored (the integer region face-api slices).</summary>
    public FaceBox ClipAtImageBorders(int imageWidth, int imageHeight)
    {
        var x = Math.Max(X, 0);
        var y = Math.Max(Y, 0);
        var w = Math.Min(Right - x, imageWidth - x);
        var h = Math.Min(Bottom - y, imageHeight - y);
        return new FaceBox(x, y, w, h).Floor();
    }

    public FaceBox Scale(double sx, double sy) => new(X * sx, Y * sy, Width * sx, Height * sy);

    /// <summary>Intersection over union (ops/iou.ts).</summary>
    public double IoU(FaceBox other)
    {
        var w = Math.Max(0, Math.Min(Right, other.Right) - Math.Max(X, other.X));
        var h = Math.Max(0, Math.Min(Bottom, other.Bottom) - Math.Max(Y, other.Y));
        var inter = w * h;
        return inter / (Area + other.Area - inter);
    }

    public override string ToString() => $"({X:F1}, {Y:F1}, {Width:F1}×{Height:F1})";
}

/// <summary>One detected face: the detector's score and its box in the image's pixels.</summary>
public sealed record FaceDetection(double Score, FaceBox Box);

/// <summary>
/// The 68 iBUG/dlib landmarks in image pixels (0–16 jaw, 17–26 brows, 27–35 nose, 36–41 and 42–47 the eyes of the left
/// and right side of the picture, 48–67 mouth), with the alignment helpers face-api uses.
/// </summary>
public sealed record FaceLandmarks68(FacePoint[] Points)
{
    /// <summary>Centre of the eye on the left of the picture (the subject's right eye): mean of points 36–41.</summary>
    public FacePoint LeftEye => FacePoint.Mean(Points[36..42]);
    /// <summary>Centre of the eye on the right of the picture: mean of points 42–47.</summary>
    public FacePoint RightEye => FacePoint.Mean(Points[42..48]);
    /// <summary>Centre of the mouth: mean of points 48–67.</summary>
    public FacePoint Mouth => FacePoint.Mean(Points[48..68]);

    /// <summary>
    /// FaceLandmarks.alignDlib: the square face-api crops for its recognition net — side ⌊mean eye–mouth distance / 0.45⌋,
    /// placed so the mean of eyes and mouth sits at (0.5, 0.43) of it. <paramref name="cropWidth"/>/<paramref name="cropHeight"/>
    /// are the dimensions face-api keeps with the landmarks (those of the detection crop), reproduced for exactness.
    /// </summary>
    public FaceBox DlibAlignedRect(int cropWidth, int cropHeight)
    {
        var (left, right, mouth) = (LeftEye, RightEye, Mouth);
        var eyeToMouth = (mouth.DistanceTo(left) + mouth.DistanceTo(right)) / 2;
        var size = Math.Floor(eyeToMouth / 0.45);
        var centre = FacePoint.Mean([left, right, mouth]);
        var x = Math.Floor(Math.Max(0, centre.X - 0.5 * size));
        var y = Math.Floor(Math.Max(0, centre.Y - 0.43 * size));
        return new FaceBox(x, y, Math.Min(size, cropWidth + x), Math.Min(size, cropHeight + y));
    }
}

/// <summary>Greedy non-maximum suppression as face-api's ops/nonMaxSuppression.ts (highest score first, IoU above the threshold dropped).</summary>
public static class NonMaxSuppression
{
    /// <summary>Indices of the kept boxes, best first.</summary>
    public static List<int> Select(IReadOnlyList<FaceBox> boxes, IReadOnlyList<double> scores, double iouThreshold)
    {
        // JS: stable ascending sort by score, then pop from the end (ties: the later index first).
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToList();
        var pick = new List<int>();
        while (order.Count > 0)
        {
            var current = order[^1];
            order.RemoveAt(order.Count - 1);
            pick.Add(current);
            order = order.Where(i => boxes[current].IoU(boxes[i]) <= iouThreshold).ToList();
        }
        return pick;
    }
}
