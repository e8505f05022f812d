using System.Text.Json;

namespace FaceNet2ExpNet.Data.Synthetic;

/// <summary>
/// The face net's pre-training domain: many identities, many photos each, with free pose, framing, lighting, background
/// and random expressions; the label is the identity (like the 2.6M-image corpus behind VGG-Face). One split: most
/// photos of each identity train, a few are held out to measure recognition.
/// </summary>
public static class FaceRecognitionCorpus
{
    public const string Name = "synthetic-faces";

    public static string IdentityName(int i) => $"id{i:0000}";

    public static PreparedDataset Generate(SyntheticOptions o, string dataRoot, IProgress<string>? progress = null)
    {
        o = o.Validated();
        var info = new DatasetInfo
        {
            Name = Name, Classes = Enumerable.Range(0, o.Identities).Select(IdentityName).ToArray(), Protocol = Protocol.Splits, Folds = 1,
            ImageSize = o.ImageSize, Source = $"FaceNet2ExpNet synthetic generator, seed {o.Seed}",
            Normalisation = "synthetic: loosely framed faces (pose, scale and shift vary)",
            Extra = new() { ["generator"] = Fingerprint(o) },
        };
        using var writer = new PreparedDatasetWriter(Path.Combine(dataRoot, Name), info);
        var total = o.Identities * o.ImagesPerIdentity;
        var done = 0;
        Parallel.For(0, o.Identities, i =>
        {
            var who = FaceIdentity.Sample(StableSeed.Rng(o.Seed, "face-identity", i));
            for (var k = 0; k < o.ImagesPerIdentity; k++)
            {
                var rng = StableSeed.Rng(o.Seed, "face-image", i, k);
                var rgb = FaceRenderer.Render(who, Expressions.Random(rng), ImageConditions.Wild(rng), o.ImageSize);
                writer.WriteBytes(ImagePath(i, k), ImageEncoder.Png(rgb, o.ImageSize, o.ImageSize));
            }
            var n = Interlocked.Add(ref done, o.ImagesPerIdentity);
            if (n % 2000 < o.ImagesPerIdentity) progress?.Report($"{Name}: rendered {n}/{total} images");
        });
        for (var i = 0; i < o.Identities; i++)
        for (var k = 0; k < o.ImagesPerIdentity; k++)
            writer.AddRow(ImagePath(i, k), IdentityName(i), IdentityName(i), "", k, k < o.ImagesPerIdentity - o.TestImagesPerIdentity ? "train" : "test");
        return writer.Commit();
    }

    /// <summary>The options this corpus depends on (recorded in dataset.json; a change regenerates it).</summary>
    public static JsonElement Fingerprint(SyntheticOptions o) =>
        JsonSerializer.SerializeToElement(o with { Subjects = 0, SequenceScale = 0, Folds = 0, MinFrames = 0, MaxFrames = 0 });

    private static string ImagePath(int identity, int image) => $"images/{IdentityName(identity)}/{image:000}.png";
}
