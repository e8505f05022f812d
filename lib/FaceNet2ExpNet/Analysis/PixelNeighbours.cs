using FaceNet2ExpNet.Data;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Analysis;

/// <summary>1-nearest-neighbour accuracies on raw pixels; shows what dominates pixel space (identity, not expression).</summary>
public sealed record PixelNeighbourResult(
    int Images, int Subjects, double IdentityAccuracy, double ExpressionAccuracy, double ExpressionAccuracyOtherSubjects,
    double IdentityChance, double ExpressionMajority)
{
    public override string ToString() =>
        $"1-NN on raw pixels over {Images} images ({Subjects} subjects), neighbours from other sequences: " +
        $"identity {IdentityAccuracy:P1} (chance {IdentityChance:P1}) vs expression {ExpressionAccuracy:P1} " +
        $"(majority class {ExpressionMajority:P1}); expression with neighbours from other subjects only: {ExpressionAccuracyOtherSubjects:P1}";
}

public static class PixelNeighbours
{
    /// <summary>
    /// For every image, its nearest other image in raw pixels (images resized to <paramref name="size"/>²), never one of
    /// its own sequence (those are near-copies): does the neighbour share its subject, its expression?
    /// </summary>
    public static PixelNeighbourResult Measure(PreparedDataset dataset, int size = 32)
    {
        using var set = dataset.Load(size);
        using var scope = NewDisposeScope();
        var x = set.Images.to_type(ScalarType.Float32).flatten(1);
        var distances = cdist(x, x);
        var rows = dataset.Rows;
        var n = rows.Count;
        var sameSequence = new bool[n * n];
        var sameSubject = new bool[n * n];
        for (var i = 0; i < n; i++)
        for (var j = 0; j < n; j++)
        {
            sameSubject[i * n + j] = rows[i].Subject == rows[j].Subject;
            sameSequence[i * n + j] = i == j || (sameSubject[i * n + j] && rows[i].Sequence == rows[j].Sequence && rows[i].Sequence != "");
        }
        var ownSequence = tensor(sameSequence).reshape(n, n);
        var ownSubject = tensor(sameSubject).reshape(n, n);
        var nearest = distances.masked_fill(ownSequence, float.PositiveInfinity).argmin(1).data<long>().ToArray();
        var nearestOther = distances.masked_fill(ownSubject.logical_or(ownSequence), float.PositiveInfinity).argmin(1).data<long>().ToArray();

        double identity = 0, expression = 0, expressionOther = 0;
        for (var i = 0; i < n; i++)
        {
            if (rows[(int)nearest[i]].Subject == rows[i].Subject) identity++;
            if (rows[(int)nearest[i]].Label == rows[i].Label) expression++;
            if (rows[(int)nearestOther[i]].Label == rows[i].Label) expressionOther++;
        }
        var subjects = rows.Select(r => r.Subject).Distinct().Count();
        var majority = dataset.ClassCounts().Max() / (double)n;
        return new PixelNeighbourResult(n, subjects, identity / n, expression / n, expressionOther / n, 1.0 / subjects, majority);
    }
}
