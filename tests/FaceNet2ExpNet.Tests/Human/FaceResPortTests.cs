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

    [Fact]
    public void Every_output_matches_faceres_under_tfjs()
    {
        var reference = FaceResReference.Load();
        Assert.Equal(8, reference.Faces.Length);
        foreach (var face in reference.Faces)
        {
            using var _ = NewDisposeScope();
            using var __ = no_grad();
            var outputs = Net.Outputs(face.Pixels());
            var descriptor = outputs["global_pooling"].data<float>().ToArray();
            var cos = FaceApiReference.Cosine(descriptor, face.GlobalPooling);
            var (d, f, g, a) = (MaxAbs(descriptor, face.GlobalPooling), MaxAbs(outputs["feats"].data<float>().ToArray(), face.Feats),
                MaxAbs(outputs["gender"].data<float>().ToArray(), face.Gender), MaxAbs(outputs["age"].data<float>().ToArray(), face.Age));
            output.WriteLine($"{face.Name}: descriptor cosine {cos:F7}, max abs diff descriptor {d:E2}, feats {f:E2}, gender {g:E2}, age {a:E2}");
            Assert.True(cos >= 0.999, $"{face.Name}: descriptor cosine {cos}");
            Assert.True(d < 1e-4 && f < 1e-4 && g < 1e-5 && a < 1e-5, $"{face.Name}: max abs differences {d}, {f}, {g}, {a}");
        }
    }

    [Fact]
    public void The_last_conv_map_and_the_14x14_map_match_elementwise()
    {
        foreach (var face in FaceResReference.Load().Faces.Where(f => f.Maps is not null))
        {
            using var _ = NewDisposeScope();
            using var __ = no_grad();
            var outputs = Net.Outputs(face.Pixels());
            foreach (var node in new[] { "conv_pw_11", "conv_pw_13" })
            {
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
    }
}
