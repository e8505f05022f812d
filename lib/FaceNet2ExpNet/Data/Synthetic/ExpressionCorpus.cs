using System.Text.Json;

namespace FaceNet2ExpNet.Data.Synthetic;

/// <summary>One recorded sequence of the CK+-like corpus: a subject going from neutral to a peak expression.</summary>
public sealed record SyntheticSequence(int Subject, int Index, string Expression, int Length, double PeakIntensity);

/// <summary>
/// A CK+-shaped expression corpus: subjects (disjoint from the face-recognition identities) each pose several
/// expressions as sequences from neutral to a peak of varying intensity; CK+'s class imbalance (Table II); the paper's
/// frame selection (first + last 3) and ten folds by ascending subject ID. Writes an 8-class and a 6-class dataset.
/// </summary>
public static class ExpressionCorpus
{
    public const string Name8 = "synthetic-ck", Name6 = "synthetic-ck6";

    public static string SubjectId(int subject) => $"S{subject + 1:000}";

    /// <summary>Which subject poses which expression, how long and how strongly (deterministic in the seed).</summary>
    public static List<SyntheticSequence> Plan(SyntheticOptions o)
    {
        var rng = StableSeed.Rng(o.Seed, "ck-plan");
        var posed = Enumerable.Range(0, o.Subjects).Select(_ => new HashSet<string>()).ToArray();
        var sequences = new List<SyntheticSequence>();
        foreach (var expression in Expressions.CkPlus8.Where(e => e != "neutral"))
        {
            var count = Math.Max(2, (int)Math.Round(Expressions.CkPlusSequences[expression] * o.SequenceScale));
            // Like CK+, a subject poses an expression at most once; the least-recorded subjects are asked first.
            var chosen = Enumerable.Range(0, o.Subjects).Where(s => !posed[s].Contains(expression))
                .OrderBy(s => posed[s].Count).ThenBy(_ => rng.Next()).Take(count).ToList();
            foreach (var s in chosen)
            {
                posed[s].Add(expression);
                // Peak intensity: mostly strong, a tail of subtle ones (contempt is subtle by nature).
                var peak = 0.3 + 0.7 * Math.Sqrt(rng.NextDouble());
                if (expression == "contempt") peak *= 0.75;
                sequences.Add(new SyntheticSequence(s, 0, expression, rng.Next(o.MinFrames, o.MaxFrames + 1), peak));
            }
        }
        // Number each subject's sequences in a fixed order, as CK+ folders Sxxx/001, 002, …
        return sequences.OrderBy(q => q.Subject).ThenBy(q => Array.IndexOf(Expressions.CkPlus8, q.Expression))
            .GroupBy(q => q.Subject).SelectMany(g => g.Select((q, i) => q with { Index = i + 1 })).ToList();
    }

    /// <summary>Subject <paramref name="subject"/>'s appearance.</summary>
    public static FaceIdentity Subject(SyntheticOptions o, int subject) => FaceIdentity.Sample(StableSeed.Rng(o.Seed, "ck-subject", subject));

    /// <summary>The kept frames of a sequence as (frame number, label, action units, conditions).</summary>
    public static IEnumerable<(int Frame, string Label, ActionUnits Units, ImageConditions Conditions)> Frames(SyntheticOptions o, SyntheticSequence q)
    {
        var who = Subject(o, q.Subject);
        var rng = StableSeed.Rng(o.Seed, "ck-sequence", q.Subject, q.Index);
        var peak = Expressions.Posed(q.Expression, q.PeakIntensity, rng);
        var conditions = ImageConditions.Lab(who, rng);
        var kept = CkPlusProtocol.KeptFrames(q.Length);
        for (var t = 1; t <= q.Length; t++)
        {
            if (t > 1) conditions = conditions.NextFrame(rng);
            if (!kept.Contains(t)) continue;
            var onset = SmoothStep((t - 1) / (double)(q.Length - 1));   // frame 1 is neutral, the last is the peak
            yield return (t, t == 1 ? "neutral" : q.Expression, peak.Scaled(onset), conditions);
        }
    }

    /// <summary>Renders and writes data/synthetic-ck (8 classes) and data/synthetic-ck6 (6 classes, no contempt/neutral).</summary>
    public static (PreparedDataset Eight, PreparedDataset Six) Generate(SyntheticOptions o, string dataRoot, IProgress<string>? progress = null)
    {
        o = o.Validated();
        var plan = Plan(o);
        var folds = CkPlusProtocol.FoldsByAscendingId(Enumerable.Range(0, o.Subjects).Select(SubjectId), o.Folds);
        var jobs = plan.SelectMany(q => Frames(o, q).Select(f => (Sequence: q, f.Frame, f.Label, f.Units, f.Conditions))).ToList();
        var source = $"FaceNet2ExpNet synthetic generator, seed {o.Seed}";
        var extra = new Dictionary<string, JsonElement> { ["generator"] = Fingerprint(o) };
        using var eight = new PreparedDatasetWriter(Path.Combine(dataRoot, Name8), Info(Name8, Expressions.CkPlus8, o, source, extra));
        using var six = new PreparedDatasetWriter(Path.Combine(dataRoot, Name6), Info(Name6, Expressions.CkPlus6, o, source, extra));

        var done = 0;
        Parallel.For(0, jobs.Count, i =>
        {
            var j = jobs[i];
            var png = ImageEncoder.Png(FaceRenderer.Render(Subject(o, j.Sequence.Subject), j.Units, j.Conditions, o.ImageSize), o.ImageSize, o.ImageSize);
            var path = ImagePath(j.Sequence, j.Frame);
            eight.WriteBytes(path, png);
            if (Expressions.CkPlus6.Contains(j.Label)) six.WriteBytes(path, png);
            var n = Interlocked.Increment(ref done);
            if (n % 500 == 0) progress?.Report($"{Name8}: rendered {n}/{jobs.Count} images");
        });
        foreach (var j in jobs)
        {
            var subject = SubjectId(j.Sequence.Subject);
            var fold = folds[subject].ToString(System.Globalization.CultureInfo.InvariantCulture);
            var sequence = $"{j.Sequence.Index:000}";
            eight.AddRow(ImagePath(j.Sequence, j.Frame), j.Label, subject, sequence, j.Frame, fold);
            if (Expressions.CkPlus6.Contains(j.Label)) six.AddRow(ImagePath(j.Sequence, j.Frame), j.Label, subject, sequence, j.Frame, fold);
        }
        return (eight.Commit(), six.Commit());
    }

    /// <summary>The options this corpus depends on (recorded in dataset.json; a change regenerates it).</summary>
    public static JsonElement Fingerprint(SyntheticOptions o) =>
        JsonSerializer.SerializeToElement(o with { Identities = 0, ImagesPerIdentity = 0, TestImagesPerIdentity = 0 });

    private static string ImagePath(SyntheticSequence q, int frame) =>
        $"images/{SubjectId(q.Subject)}/{q.Index:000}/{SubjectId(q.Subject)}_{q.Index:000}_{frame:00000000}.png";

    private static DatasetInfo Info(string name, string[] classes, SyntheticOptions o, string source, Dictionary<string, JsonElement> extra) => new()
    {
        Name = name, Classes = classes, Protocol = Protocol.KFold, Folds = o.Folds, ImageSize = o.ImageSize, Source = source,
        Normalisation = "synthetic: rendered aligned (eyes level, fixed scale), small residual roll/shift as after alignment",
        Extra = extra,
    };

    private static double SmoothStep(double x) => x * x * (3 - 2 * x);
}
