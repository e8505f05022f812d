using FaceNet2ExpNet.Networks.Human;
using FaceNet2ExpNet.Tests.FaceApi;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Tests.Human;

/// <summary>Shared pretrained faceres (loading it takes ~0.3 s; the tests only read it).</summary>
public sealed class FaceResNet : IDisposable
{
    public FaceRes Net { get; } = Load();
    public void Dispose() => Net.Dispose();

    private static FaceRes Load()
    {
        var net = FaceRes.Load(null, 2);
        net.eval();
        return net;
    }
}

/// <summary>The TorchSharp faceres against Human's own graph under tfjs (fixtures/reference.json, 8 faces).</summary>
public class FaceResPortTests(FaceResNet fixture, ITestOutputHelper output) : IClassFixture<FaceResNet>
{
    private FaceRes Net => fixture.Net;

    private static float MaxAbs(Tensor a, Tensor b) => (a - b).abs().max().item<float>();
    private static float MaxAbs(float[] a, float[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Max();

    /// <summary>Descriptor cosine, then max abs differences of descriptor, feats, gender, age.</summary>
    private static (double Cos, float D, float F, float G, float A) Compare(Dictionary<string, Tensor> outputs, FaceResReference.Heads expected)
    {
        var descriptor = outputs["global_pooling"].data<float>().ToArray();
        return (FaceApiReference.Cosine(descriptor, expected.GlobalPooling), MaxAbs(descriptor, expected.GlobalPooling),
            MaxAbs(outputs["feats"].data<float>().ToArray(), expected.Feats), MaxAbs(outputs["gender"].data<float>().ToArray(), expected.Gender),
            MaxAbs(outputs["age"].data<float>().ToArray(), expected.Age));
    }

    [Fact]
    public void Every_output_matches_faceres_under_tfjs()
    {
        var reference = FaceResReference.Load();
        Assert.Equal(8, reference.Faces.Length);
        foreach (var face in reference.Faces)
        {
            using var _ = NewDisposeScope();
            using var __ = no_grad();
            var (cos, d, f, g, a) = Compare(Net.Outputs(face.Pixels()), new(face.GlobalPooling, face.Feats, face.Gender, face.Age));
            output.WriteLine($"{face.Name}: descriptor cosine {cos:F7}, max abs diff descriptor {d:E2}, feats {f:E2}, gender {g:E2}, age {a:E2}");
            Assert.True(cos >= 0.999, $"{face.Name}: descriptor cosine {cos}");
            Assert.True(d < 1e-4 && f < 1e-4 && g < 1e-5 && a < 1e-5, $"{face.Name}: max abs differences {d}, {f}, {g}, {a}");
        }
    }

    [Fact]
    public void Standard_input_is_converted_to_the_trained_convention_exactly_as_the_reference_feeds_it()
    {
        // The project's standard input at 224 → FromStandard (BGR, minus the Caffe means) vs tfjs on the same conversion.
        foreach (var face in FaceResReference.Load().Faces)
        {
            using var _ = NewDisposeScope();
            using var __ = no_grad();
            var standard = (face.Pixels() / 255f - 0.5f) / 0.25f;
            var (cos, d, f, g, a) = Compare(Net.Outputs(FaceRes.FromStandard(standard)), face.Hse);
            output.WriteLine($"{face.Name} (trained convention): descriptor cosine {cos:F7}, max abs diff descriptor {d:E2}, feats {f:E2}, gender {g:E2}, age {a:E2}");
            Assert.True(cos >= 0.99999, $"{face.Name}: descriptor cosine {cos}");
            Assert.True(d < 1e-4 && f < 1e-4 && g < 1e-5 && a < 1e-5, $"{face.Name}: max abs differences {d}, {f}, {g}, {a}");
            Assert.True(Net.Descriptor(standard).allclose(tensor(face.Hse.GlobalPooling).unsqueeze(0), 0, 1e-4));
        }
    }

    [Fact]
    public void The_last_conv_map_and_the_14x14_map_match_elementwise()
    {
        var maps = 0;
        foreach (var face in FaceResReference.Load().Faces.Where(f => f.Maps is not null))
        {
            using var _ = NewDisposeScope();
            using var __ = no_grad();
            var outputs = Net.Outputs(face.Pixels());
            foreach (var node in face.Maps!.Keys)
            {
                maps++;
                var expected = face.LoadMap(node);
                var actual = outputs[node];
                Assert.Equal(expected.shape, actual.shape);
                var diff = MaxAbs(actual, expected);
                var mean = (actual - expected).abs().mean().item<float>();
                output.WriteLine($"{face.Name} {node} {string.Join("×", actual.shape.Skip(1))}: max abs diff {diff:E2}, mean {mean:E2} " +
                                 $"(values 0–{expected.max().item<float>():F2}, {expected.eq(0).to_type(ScalarType.Float32).mean().item<float>():P0} zeros)");
                Assert.True(diff < 5e-4, $"{face.Name} {node}: max abs diff {diff}");
            }
        }
        Assert.Equal(3, maps);   // conv_pw_13 of sample1-0 and sample5-0, conv_pw_11 of sample1-0
    }
}
