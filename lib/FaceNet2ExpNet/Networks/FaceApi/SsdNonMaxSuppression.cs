namespace FaceNet2ExpNet.Networks.FaceApi;

/// <summary>
/// ssdMobilenetv1/nonMaxSuppression.ts — not the same as ops/nonMaxSuppression.ts (<see cref="NonMaxSuppression"/>):
/// candidates above the score threshold, by descending score (a stable sort: ties keep index order), each kept unless it
/// overlaps a kept box by IoU above the threshold; at most <c>maxOutputSize</c> boxes. Boxes are [ymin, xmin, ymax, xmax]
/// in any unit; a box of zero or negative area overlaps nothing.
/// </summary>
public static class SsdNonMaxSuppression
{
    /// <summary>Indices of the kept boxes, best first.</summary>
    public static List<int> Select(IReadOnlyList<float[]> boxes, IReadOnlyList<double> scores, int maxOutputSize, double iouThreshold, double scoreThreshold)
    {
        var outputSize = Math.Min(maxOutputSize, boxes.Count);
        var candidates = Enumerable.Range(0, scores.Count).Where(i => scores[i] > scoreThreshold)
            .OrderByDescending(i => scores[i]).ToList();   // LINQ's OrderBy is stable, as V8's Array.prototype.sort
        var selected = new List<int>();
        foreach (var candidate in candidates)
        {
            if (selected.Count >= outputSize) break;
            // face-api zeroes the score of a suppressed candidate and keeps it only if the score is unchanged.
            var suppressed = false;
            for (var j = selected.Count - 1; j >= 0 && !suppressed; j--)
            {
                var iou = IoU(boxes[candidate], boxes[selected[j]]);
                if (iou != 0.0 && iou > iouThreshold) suppressed = true;
            }
            if (!suppressed) selected.Add(candidate);
        }
        return selected;
    }

    /// <summary>IOU of two [ymin, xmin, ymax, xmax] boxes (corners in either order), 0 when either has no area.</summary>
    public static double IoU(float[] a, float[] b)
    {
        double yminA = Math.Min(a[0], a[2]), xminA = Math.Min(a[1], a[3]), ymaxA = Math.Max(a[0], a[2]), xmaxA = Math.Max(a[1], a[3]);
        double yminB = Math.Min(b[0], b[2]), xminB = Math.Min(b[1], b[3]), ymaxB = Math.Max(b[0], b[2]), xmaxB = Math.Max(b[1], b[3]);
        var areaA = (ymaxA - yminA) * (xmaxA - xminA);
        var areaB = (ymaxB - yminB) * (xmaxB - xminB);
        if (areaA <= 0 || areaB <= 0) return 0.0;
        var intersection = Math.Max(Math.Min(ymaxA, ymaxB) - Math.Max(yminA, yminB), 0.0) * Math.Max(Math.Min(xmaxA, xmaxB) - Math.Max(xminA, xminB), 0.0);
        return intersection / (areaA + areaB - intersection);
    }
}
