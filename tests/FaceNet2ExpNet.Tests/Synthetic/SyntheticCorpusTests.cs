using System.Security.Cryptography;
using FaceNet2ExpNet.Analysis;
using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Data.Synthetic;
using FaceNet2ExpNet.Tests.Fixtures;

namespace FaceNet2ExpNet.Tests.Synthetic;

public class SyntheticCorpusTests
{
    /// <summary>Smaller than the smoke profile, for speed.</summary>
    private static readonly SyntheticOptions Tiny = new()
    {
        ImageSize = 32, Identities = 12, ImagesPerIdentity = 4, TestImagesPerIdentity = 1, Subjects = 20, SequenceScale = 0.1,
    };

    [Fact]
    public void The_default_plan_has_ck_plus_sequence_counts_and_subjects()
    {
        var plan = ExpressionCorpus.Plan(SyntheticOptions.Default);
        Assert.Equal(327, plan.Count);
        foreach (var (expression, count) in Expressions.CkPlusSequences)
            Assert.Equal(count, plan.Count(q => q.Expression == expression));
        Assert.Equal(118, plan.Select(q => q.Subject).Distinct().Count());
        // A subject poses an expression at most once; sequences are numbered 001, 002, … per subject.
        Assert.All(plan.GroupBy(q => q.Subject), g =>
        {
            Assert.Equal(g.Count(), g.Select(q => q.Expression).Distinct().Count());
            Assert.Equal(Enumerable.Range(1, g.Count()), g.Select(q => q.Index));
        });
        Assert.All(plan, q => Assert.InRange(q.Length, 10, 30));
        Assert.Contains(plan, q => q.PeakIntensity < 0.5);   // some expressions are subtle
    }

    [Fact]
    public void The_expression_corpus_keeps_the_first_and_last_three_frames_with_table_II_shape()
    {
        using var dir = new TempDir();
        var (eight, six) = ExpressionCorpus.Generate(Tiny, dir.Path);
        var plan = ExpressionCorpus.Plan(Tiny);

        Assert.Equal(Expressions.CkPlus8, eight.Classes);
        Assert.Equal(4 * plan.Count, eight.Rows.Count);
        var counts = eight.ClassCounts();
        Assert.Equal(plan.Count, counts[7]);                                           // one neutral per sequence
        for (var c = 0; c < 7; c++) Assert.Equal(3 * plan.Count(q => q.Expression == Expressions.CkPlus8[c]), counts[c]);
        foreach (var q in plan)
        {
            var frames = eight.Rows.Where(r => r.Subject == ExpressionCorpus.SubjectId(q.Subject) && r.Sequence == $"{q.Index:000}")
                .OrderBy(r => r.Frame).ToList();
            Assert.Equal(new[] { 1, q.Length - 2, q.Length - 1, q.Length }, frames.Select(r => r.Frame));
            Assert.Equal("neutral", eight.Classes[frames[0].Label]);
            Assert.All(frames.Skip(1), r => Assert.Equal(q.Expression, eight.Classes[r.Label]));
        }

        // The 6-class variant: same images without contempt and neutral.
        Assert.Equal(Expressions.CkPlus6, six.Classes);
        Assert.Equal(counts.Take(7).Sum() - counts[1], six.Rows.Count);
        Assert.All(six.Rows, r => Assert.True(File.Exists(Path.Combine(six.Root, r.Path))));
    }

    [Fact]
    public void Folds_are_ten_groups_of_subjects_by_ascending_id()
    {
        using var dir = new TempDir();
        var (eight, _) = ExpressionCorpus.Generate(Tiny, dir.Path);
        var foldOf = eight.Rows.GroupBy(r => r.Subject).ToDictionary(g => g.Key, g => g.Select(r => r.TestFold).Distinct().Single());
        var ordered = foldOf.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value).ToList();
        Assert.Equal(ordered.Order(), ordered);                       // non-decreasing with subject ID
        Assert.Equal(Enumerable.Range(0, 10), ordered.Distinct());    // all ten folds used
        for (var k = 0; k < 10; k++)
        {
            var f = eight.Fold(k);
            var test = f.Test.Select(i => eight.Rows[i].Subject).ToHashSet();
            Assert.DoesNotContain(f.Train, i => test.Contains(eight.Rows[i].Subject));
        }
    }

    [Fact]
    public void The_face_recognition_corpus_labels_identities_and_holds_out_test_images()
    {
        using var dir = new TempDir();
        var faces = FaceRecognitionCorpus.Generate(Tiny, dir.Path);
        Assert.Equal(12, faces.Classes.Count);
        Assert.Equal(48, faces.Rows.Count);
        Assert.All(faces.ClassCounts(), n => Assert.Equal(4, n));
        var split = faces.Fold(0);
        Assert.Equal(36, split.Train.Length);
        Assert.Equal(12, split.Test.Length);
        // Its people are not the expression corpus's subjects.
        var expressionPeople = Enumerable.Range(0, Tiny.Subjects).Select(s => ExpressionCorpus.Subject(Tiny, s)).ToHashSet();
        Assert.DoesNotContain(Enumerable.Range(0, 12).Select(i => FaceIdentity.Sample(StableSeed.Rng(Tiny.Seed, "face-identity", i))),
            p => expressionPeople.Contains(p));
    }

    [Fact]
    public void The_same_seed_gives_a_byte_identical_dataset_and_another_seed_does_not()
    {
        using var a = new TempDir();
        using var b = new TempDir();
        using var c = new TempDir();
        SyntheticCorpora.Ensure(Tiny, a.Path);
        SyntheticCorpora.Ensure(Tiny, b.Path);
        SyntheticCorpora.Ensure(Tiny with { Seed = 7 }, c.Path);
        var hashA = TreeHash(a.Path);
        Assert.Equal(hashA, TreeHash(b.Path));
        Assert.NotEqual(hashA, TreeHash(c.Path));
    }

    [Fact]
    public void Current_corpora_are_reused_and_changed_options_regenerate_only_when_forced()
    {
        using var dir = new TempDir();
        Assert.True(SyntheticCorpora.Ensure(Tiny, dir.Path).Generated);
        Assert.False(SyntheticCorpora.Ensure(Tiny, dir.Path).Generated);
        // Corpora generated with other options are never replaced silently: the message names the folder and the way out.
        var refused = Assert.Throws<InvalidOperationException>(() => SyntheticCorpora.Ensure(Tiny with { ImageSize = 40 }, dir.Path));
        Assert.Contains("holds corpora generated with other settings", refused.Message);
        Assert.Contains("--force", refused.Message);
        Assert.False(SyntheticCorpora.Ensure(Tiny, dir.Path).Generated);   // untouched by the refusal
        var bigger = SyntheticCorpora.Ensure(Tiny with { ImageSize = 40 }, dir.Path, force: true);
        Assert.True(bigger.Generated);
        Assert.Equal(40, bigger.Expressions8.Info.ImageSize);
        Assert.Empty(Directory.GetDirectories(dir.Path, "*.partial-*"));
    }

    [Fact]
    public void Identity_dominates_pixel_space()
    {
        using var dir = new TempDir();
        var (eight, _) = ExpressionCorpus.Generate(Tiny with { Subjects = 30, SequenceScale = 0.25 }, dir.Path);
        var r = PixelNeighbours.Measure(eight);
        Assert.True(r.IdentityAccuracy > 0.9, r.ToString());
        Assert.True(r.ExpressionAccuracy < 0.5 * r.IdentityAccuracy, r.ToString());
        Assert.True(r.ExpressionAccuracyOtherSubjects < 0.6, r.ToString());
    }

    private static string TreeHash(string root)
    {
        using var sha = SHA256.Create();
        foreach (var file in Directory.GetFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = System.Text.Encoding.UTF8.GetBytes(Path.GetRelativePath(root, file));
            sha.TransformBlock(name, 0, name.Length, null, 0);
            var bytes = File.ReadAllBytes(file);
            sha.TransformBlock(bytes, 0, bytes.Length, null, 0);
        }
        sha.TransformFinalBlock([], 0, 0);
        return Convert.ToHexString(sha.Hash!);
    }
}

public class FaceRendererTests
{
    private static readonly FaceIdentity Person = FaceIdentity.Sample(new Random(3));
    private static readonly ImageConditions Still = new() { Background = new(90, 120, 150), Background2 = new(90, 120, 150) };

    [Fact]
    public void Renders_rgb_at_any_size()
    {
        foreach (var size in new[] { 16, 40, 72, 256 })
            Assert.Equal(size * size * 3, FaceRenderer.Render(Person, ActionUnits.None, Still, size).Length);
    }

    [Fact]
    public void Expressions_change_the_face_not_the_background()
    {
        const int size = 64;
        var neutral = FaceRenderer.Render(Person, ActionUnits.None, Still, size);
        var happy = FaceRenderer.Render(Person, Expressions.Prototype("happy"), Still, size);
        var changed = Enumerable.Range(0, size * size).Where(p => Enumerable.Range(0, 3).Any(ch => neutral[3 * p + ch] != happy[3 * p + ch])).ToList();
        Assert.NotEmpty(changed);
        Assert.All(changed, p => Assert.InRange(p % size, 8, size - 8));          // inside the face, away from the edges
        Assert.True(changed.Count < size * size / 5, $"{changed.Count} pixels changed: an expression is a local change");
    }

    [Fact]
    public void Contempt_is_one_sided()
    {
        const int size = 64;
        var neutral = FaceRenderer.Render(Person, ActionUnits.None, Still, size);
        var contempt = FaceRenderer.Render(Person, Expressions.Prototype("contempt"), Still, size);
        var changed = Enumerable.Range(0, size * size).Where(p => neutral[3 * p] != contempt[3 * p]).Select(p => p % size).ToList();
        Assert.True(changed.Count(x => x > size / 2) > 3 * changed.Count(x => x < size / 2 - 1), "contempt moves one lip corner");
    }
}

public class CkPlusProtocolTests
{
    [Fact]
    public void Keeps_the_first_and_last_three_frames() => Assert.Equal([1, 10, 11, 12], CkPlusProtocol.KeptFrames(12));

    [Fact]
    public void Too_short_sequences_are_refused() => Assert.Throws<ArgumentException>(() => CkPlusProtocol.KeptFrames(3));

    [Fact]
    public void Folds_cut_subjects_in_ascending_id_order()
    {
        var folds = CkPlusProtocol.FoldsByAscendingId(["S010", "S005", "S130", "S022", "S011", "S999"], folds: 3);
        Assert.Equal(0, folds["S005"]);
        Assert.Equal(0, folds["S010"]);
        Assert.Equal(1, folds["S011"]);
        Assert.Equal(1, folds["S022"]);
        Assert.Equal(2, folds["S130"]);
        Assert.Equal(2, folds["S999"]);
    }
}
