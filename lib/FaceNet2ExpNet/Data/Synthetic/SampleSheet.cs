using FaceNet2ExpNet.Reporting;

namespace FaceNet2ExpNet.Data.Synthetic;

/// <summary>
/// Sample sheet of the CK+-like corpus: rows = the eight classes, columns = the corpus's first subjects, each posing
/// every class at a typical peak (in the dataset itself a subject poses about three, as in CK+).
/// </summary>
public static class SampleSheet
{
    /// <returns>The sheet as a JPEG file's bytes.</returns>
    public static byte[] Jpeg(SyntheticOptions o, int subjects = 8, int scale = 2)
    {
        var size = Math.Min(o.ImageSize, 128);
        var cells = new List<IReadOnlyList<byte[]?>>();
        foreach (var expression in Expressions.CkPlus8)
        {
            var row = new List<byte[]?>();
            for (var s = 0; s < subjects; s++)
            {
                var who = ExpressionCorpus.Subject(o, s);
                var rng = StableSeed.Rng(o.Seed, "sample-sheet", s, Array.IndexOf(Expressions.CkPlus8, expression));
                row.Add(FaceRenderer.Render(who, Expressions.Posed(expression, 0.85, rng), ImageConditions.Lab(who, rng), size));
            }
            cells.Add(row);
        }
        return ImageGrid.Jpeg(cells, size, Expressions.CkPlus8, scale);
    }
}
