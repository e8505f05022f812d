using System.Text.Json;

namespace FaceNet2ExpNet.Data.Synthetic;

/// <summary>
/// The small-data variant of the embedded default, shaped like JAFFE (213 images of 10 subjects, 7 classes): 10
/// subjects (disjoint from the CK+-like ones and the face-recognition identities) each pose the six basic expressions
/// once, from neutral to a peak; the last three frames are kept, and the first (neutral) frame of every other sequence —
/// 21 images per subject, 210 in all, 30 per class; ten folds of one subject each. The regime the paper's claim is
/// about — a deep net trained on a couple of hundred images — without real faces.
/// </summary>
public static class SmallExpressionCorpus
{
    public const string Name = "synthetic-small";
    public const int Subjects = 10;
    public static readonly string[] Classes = ["anger", "disgust", "fear", "happy", "sadness", "surprise", "neutral"];

    public static string SubjectId(int subject) => $"J{subject + 1:00}";

    /// <summary>Renders and writes data/synthetic-small (deterministic in the options' seed and image size).</summary>
    public static PreparedDataset Generate(SyntheticOptions o, string dataRoot, IProgress<string>? progress = null)
    {
        o = o.Validated();
        var jobs = new List<(int Subject, int Sequence, string Expression, int Frame, string Label, ActionUnits Units, ImageConditions Conditions)>();
        for (var s = 0; s < Subjects; s++)
        {
            var who = Subject(o, s);
            var basic = Classes[..^1];
            for (var q = 0; q < basic.Length; q++)
            {
                var rng = StableSeed.Rng(o.Seed, "small-sequence", s, q);
                var peak = Expressions.Posed(basic[q], 0.3 + 0.7 * Math.Sqrt(rng.NextDouble()), rng);
                var conditions = ImageConditions.Lab(who, rng);
                var length = rng.Next(o.MinFrames, o.MaxFrames + 1);
                var kept = CkPlusProtocol.KeptFrames(length).Where(f => f > 1 || q % 2 == 0).ToHashSet();
                for (var t = 1; t <= length; t++)
                {
                    if (t > 1) conditions = conditions.NextFrame(rng);
                    if (!kept.Contains(t)) continue;
                    var onset = (t - 1) / (double)(length - 1);
                    jobs.Add((s, q + 1, basic[q], t, t == 1 ? "neutral" : basic[q], peak.Scaled(onset * onset * (3 - 2 * onset)), conditions));
                }
            }
        }
        var info = new DatasetInfo
        {
            Name = Name, Classes = Classes, Protocol = Protocol.KFold, Folds = Subjects, ImageSize = o.ImageSize,
            Source = $"FaceNet2ExpNet synthetic generator, seed {o.Seed} (JAFFE-sized variant)",
            Normalisation = "synthetic: rendered aligned (eyes level, fixed scale), small residual roll/shift as after alignment",
            Extra = new Dictionary<string, JsonElement> { ["generator"] = Fingerprint(o) },
        };
        using var writer = new PreparedDatasetWriter(Path.Combine(dataRoot, Name), info);
        Parallel.For(0, jobs.Count, i =>
        {
            var j = jobs[i];
            writer.WriteBytes(ImagePath(j.Subject, j.Sequence, j.Frame),
                ImageEncoder.Png(FaceRenderer.Render(Subject(o, j.Subject), j.Units, j.Conditions, o.ImageSize), o.ImageSize, o.ImageSize));
        });
        foreach (var j in jobs)
            writer.AddRow(ImagePath(j.Subject, j.Sequence, j.Frame), j.Label, SubjectId(j.Subject), $"{j.Sequence:000}", j.Frame,
                j.Subject.ToString(System.Globalization.CultureInfo.InvariantCulture));
        progress?.Report($"{Name}: {jobs.Count} images of {Subjects} subjects");
        return writer.Commit();
    }

    /// <summary>Subject <paramref name="subject"/>'s appearance.</summary>
    public static FaceIdentity Subject(SyntheticOptions o, int subject) => FaceIdentity.Sample(StableSeed.Rng(o.Seed, "small-subject", subject));

    /// <summary>What this corpus depends on (recorded in dataset.json; a change regenerates it).</summary>
    public static JsonElement Fingerprint(SyntheticOptions o) =>
        JsonSerializer.SerializeToElement(new { o.Seed, o.ImageSize, o.MinFrames, o.MaxFrames, Subjects, Variant = "jaffe-sized" });

    private static string ImagePath(int subject, int sequence, int frame) =>
        $"images/{SubjectId(subject)}/{sequence:000}/{SubjectId(subject)}_{sequence:000}_{frame:00000000}.png";
}
