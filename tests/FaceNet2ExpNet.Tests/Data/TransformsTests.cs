using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Tests.Fixtures;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Tests.Data;

/// <summary>Centre crop, random crop + flip, normalisation and ImageSet.MakeBatch on tensors with known values.</summary>
public class TransformsTests
{
    /// <summary>N×3×side×side float tensor whose values are their own flat index (all distinct).</summary>
    private static Tensor Ramp(int n, int side) => arange(n * 3 * side * side, dtype: ScalarType.Float32).reshape(n, 3, side, side);

    /// <summary>N×3×side×side uint8 tensor with distinct values per position within an image: (flat index within the image) + (image index mod 3); side ≤ 9.</summary>
    private static Tensor ByteRamp(int n, int side)
    {
        var plane = 3 * side * side;
        var data = new byte[n * plane];
        for (var i = 0; i < data.Length; i++) data[i] = (byte)((i % plane) + i / plane % 3);
        return tensor(data, [n, 3, side, side], ScalarType.Byte);
    }

    private static float[] Values(Tensor t)
    {
        using var c = t.contiguous().to_type(ScalarType.Float32);
        return c.data<float>().ToArray();
    }

    [Fact]
    public void CenterCrop_TakesTheCentreWindow()
    {
        using var x = Ramp(2, 6);
        using var c = Transforms.CenterCrop(x, 4);
        Assert.Equal(new long[] { 2, 3, 4, 4 }, c.shape);
        var v = Values(c);
        for (var n = 0; n < 2; n++)
        for (var ch = 0; ch < 3; ch++)
        for (var i = 0; i < 4; i++)
        for (var j = 0; j < 4; j++)
            Assert.Equal(((n * 3 + ch) * 6 + i + 1) * 6 + j + 1, v[((n * 3 + ch) * 4 + i) * 4 + j]);
    }

    [Fact]
    public void CenterCrop_OddExcess_RoundsOffsetDown()
    {
        using var x = Ramp(1, 7);
        using var c = Transforms.CenterCrop(x, 4);   // offset (7-4)/2 = 1
        var v = Values(c);
        Assert.Equal(1 * 7 + 1, v[0]);
        Assert.Equal(4 * 7 + 4, v[15]);              // bottom-right of channel 0: row 4, col 4
    }

    [Fact]
    public void CenterCrop_FullSize_IsIdentity_AndTooLargeThrows()
    {
        using var x = Ramp(1, 5);
        using var c = Transforms.CenterCrop(x, 5);
        Assert.Equal(Values(x), Values(c));
        var e = Assert.Throws<ArgumentException>(() => Transforms.CenterCrop(x, 6));
        Assert.Contains("Crop 6 is larger than the images (5×5)", e.Message);
        Assert.Throws<ArgumentException>(() => Transforms.RandomCropFlip(x, 6, new Random(1)));
    }

    [Fact]
    public void RandomCropFlip_SameSeed_SameOutput()
    {
        using var x = Ramp(8, 9);
        using var a = Transforms.RandomCropFlip(x, 5, new Random(123));
        using var b = Transforms.RandomCropFlip(x, 5, new Random(123));
        using var c = Transforms.RandomCropFlip(x, 5, new Random(124));
        Assert.Equal(new long[] { 8, 3, 5, 5 }, a.shape);
        Assert.Equal(Values(a), Values(b));
        Assert.NotEqual(Values(a), Values(c));
    }

    [Fact]
    public void RandomCropFlip_EveryCropIsAWindowOfItsImage_PossiblyFlipped()
    {
        const int n = 32, side = 8, crop = 5;
        using var x = Ramp(n, side);
        using var y = Transforms.RandomCropFlip(x, crop, new Random(7));
        var input = Values(x);
        var output = Values(y);
        var plane = crop * crop;
        var seen = new HashSet<(int, int, bool)>();
        for (var i = 0; i < n; i++)
        {
            var matches = new List<(int, int, bool)>();
            for (var top = 0; top <= side - crop; top++)
            for (var left = 0; left <= side - crop; left++)
            foreach (var flip in new[] { false, true })
            {
                var ok = true;
                for (var ch = 0; ch < 3 && ok; ch++)
                for (var r = 0; r < crop && ok; r++)
                for (var col = 0; col < crop && ok; col++)
                {
                    var srcCol = left + (flip ? crop - 1 - col : col);
                    var expected = input[((i * 3 + ch) * side + top + r) * side + srcCol];
                    ok = output[(i * 3 + ch) * plane + r * crop + col] == expected;
                }
                if (ok) matches.Add((top, left, flip));
            }
            Assert.True(matches.Count == 1, $"image {i}: crop matches {matches.Count} windows of its own image");
            seen.Add(matches[0]);
        }
        // 32 draws from 16 positions × 2 flips: both flips and several positions occur.
        Assert.Contains(seen, s => s.Item3);
        Assert.Contains(seen, s => !s.Item3);
        Assert.True(seen.Select(s => (s.Item1, s.Item2)).Distinct().Count() >= 5, $"only {seen.Count} distinct windows");
    }

    [Fact]
    public void RandomCropFlip_FullSizeCrop_IsIdentityOrMirror()
    {
        using var x = Ramp(6, 4);
        using var y = Transforms.RandomCropFlip(x, 4, new Random(3));
        using var flipped = x.flip(3);
        for (var i = 0; i < 6; i++)
        {
            using var yt = y[i];
            using var xt = x[i];
            using var ft = flipped[i];
            var yi = Values(yt);
            Assert.True(yi.SequenceEqual(Values(xt)) || yi.SequenceEqual(Values(ft)), $"image {i}");
        }
    }

    [Fact]
    public void RandomCropFlip_KeepsDtype()
    {
        using var x = ByteRamp(3, 6);
        using var y = Transforms.RandomCropFlip(x, 4, new Random(5));
        Assert.Equal(ScalarType.Byte, y.dtype);
        Assert.Equal(new long[] { 3, 3, 4, 4 }, y.shape);
    }

    [Fact]
    public void Normalization_Standard_Maps0ToMinus2And255To2()
    {
        using var bytes = tensor(new byte[] { 0, 255, 51, 0, 255, 204 }, [1, 3, 1, 2], ScalarType.Byte);
        using var y = Normalization.Standard.Apply(bytes);
        Assert.Equal(ScalarType.Float32, y.dtype);
        Assert.Equal(new long[] { 1, 3, 1, 2 }, y.shape);
        var v = Values(y);
        float[] expected = [-2f, 2f, (0.2f - 0.5f) / 0.25f, -2f, 2f, (0.8f - 0.5f) / 0.25f];
        for (var i = 0; i < v.Length; i++) Assert.Equal(expected[i], v[i], 5);
        Assert.Equal([0.5f, 0.5f, 0.5f], Normalization.Standard.Mean);
        Assert.Equal([0.25f, 0.25f, 0.25f], Normalization.Standard.Std);
    }

    [Fact]
    public void Normalization_PerChannel()
    {
        var norm = new Normalization([0f, 0.5f, 1f], [1f, 0.5f, 2f]);
        using var bytes = tensor(new byte[] { 255, 255, 255 }, [1, 3, 1, 1], ScalarType.Byte);
        using var y = norm.Apply(bytes);
        var v = Values(y);
        Assert.Equal(1f, v[0], 5);   // (1 - 0) / 1
        Assert.Equal(1f, v[1], 5);   // (1 - .5) / .5
        Assert.Equal(0f, v[2], 5);   // (1 - 1) / 2
    }

    [Fact]
    public void MakeBatch_CentreCrop_NormalisedFloatsAndLabelsInIndexOrder()
    {
        using var images = ByteRamp(5, 8);
        using var labels = tensor(new long[] { 0, 1, 2, 1, 0 });
        using var set = new ImageSet(images, labels, [10, 11, 12, 13, 14], ["a", "b", "c"]);
        Assert.Equal(8, set.Size);
        Assert.Equal(5, set.Count);

        var batch = set.MakeBatch([2, 4, 1], 6, Normalization.Standard);
        using var bi = batch.Images;
        using var bl = batch.Labels;
        Assert.Equal(new long[] { 3, 3, 6, 6 }, bi.shape);
        Assert.Equal(ScalarType.Float32, bi.dtype);
        Assert.Equal(new long[] { 2, 0, 1 }, bl.data<long>().ToArray());

        using var index = tensor(new long[] { 2, 4, 1 });
        using var picked = images.index_select(0, index);
        using var centre = Transforms.CenterCrop(picked, 6);
        using var expected = Normalization.Standard.Apply(centre);
        Assert.Equal(Values(expected), Values(bi));
        // Spot value: image 2, channel 1, crop (0,0) = source (1,1): byte (64 + 9) + 2%3 = 75.
        Assert.Equal((75f / 255f - 0.5f) / 0.25f, Values(bi)[36], 5);
    }

    [Fact]
    public void MakeBatch_Augmented_IsDeterministicPerSeed_AndCropsComeFromTheImage()
    {
        using var images = ByteRamp(4, 8);
        using var labels = tensor(new long[] { 1, 0, 1, 0 });
        using var set = new ImageSet(images, labels, [0, 1, 2, 3], ["a", "b"]);
        var b1 = set.MakeBatch([0, 1, 2, 3], 5, Normalization.Standard, new Random(99));
        var b2 = set.MakeBatch([0, 1, 2, 3], 5, Normalization.Standard, new Random(99));
        Assert.Equal(new long[] { 4, 3, 5, 5 }, b1.Images.shape);
        Assert.Equal(Values(b1.Images), Values(b2.Images));
        Assert.Equal(new long[] { 1, 0, 1, 0 }, b1.Labels.data<long>().ToArray());

        // The same seed through Transforms directly gives the same crops.
        using var crops = Transforms.RandomCropFlip(images, 5, new Random(99));
        using var direct = Normalization.Standard.Apply(crops);
        Assert.Equal(Values(direct), Values(b1.Images));
        foreach (var t in new[] { b1.Images, b1.Labels, b2.Images, b2.Labels }) t.Dispose();
    }

    [Fact]
    public void MakeBatch_FromALoadedDataset_LabelsMatchManifest()
    {
        using var dir = new TempDir();
        var ds = TinyDataset.Create(dir["tiny"], subjects: 2, perSubjectPerClass: 2, size: 16, folds: 2);
        using var set = ds.Load(16, ds.Fold(1).Test);   // subject S001: rows 6..11
        var batch = set.MakeBatch([5, 0, 2], 12, Normalization.Standard);
        using var bi = batch.Images;
        using var bl = batch.Labels;
        Assert.Equal(new long[] { 3, 3, 12, 12 }, bi.shape);
        Assert.Equal(new[] { set.Rows[5], set.Rows[0], set.Rows[2] }.Select(r => (long)ds.Rows[r].Label), bl.data<long>().ToArray());
        Assert.Equal(new long[] { 2, 0, 1 }, bl.data<long>().ToArray());
        var v = Values(bi);
        Assert.All(v, f => Assert.InRange(f, -2f, 2f));
    }

    [Fact]
    public void ImageSet_RejectsWrongShapesAndTypes()
    {
        using var floats = zeros(2, 3, 4, 4);
        using var grey = zeros(2, 1, 4, 4, dtype: ScalarType.Byte);
        using var ok = zeros(2, 3, 4, 4, dtype: ScalarType.Byte);
        using var labels2 = tensor(new long[] { 0, 1 });
        using var labels3 = tensor(new long[] { 0, 1, 0 });
        Assert.Throws<ArgumentException>(() => new ImageSet(floats, labels2, [0, 1], ["a", "b"]));
        Assert.Throws<ArgumentException>(() => new ImageSet(grey, labels2, [0, 1], ["a", "b"]));
        var e = Assert.Throws<ArgumentException>(() => new ImageSet(ok, labels3, [0, 1], ["a", "b"]));
        Assert.Contains("2 images but 3 labels", e.Message);
    }
}
