using FaceNet2ExpNet.Networks.FaceApi;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Tests.FaceApi;

public class FaceRecognitionResNetTests
{
    [Fact]
    public void Descriptor_of_the_reference_crop_matches_face_api()
    {
        var reference = FaceApiReference.Load();
        using var net = FaceRecognitionResNet.Load(null!, 2);
        net.eval();
        foreach (var image in reference.Images)
        {
            var pixels = TfImage.FromRgb(image.Decode());
            foreach (var face in image.Faces)
            {
                var r = face.CropRect;
                var crop = pixels.Slice((int)r.X, (int)r.Y, (int)r.Width, (int)r.Height);
                using var _ = NewDisposeScope();
                using var d = no_grad();
                var descriptor = net.DescriptorOfPixels(crop.ToBatchTensor(150, centre: true)).data<float>().ToArray();
                var cos = FaceApiReference.Cosine(descriptor, face.Descriptor);
                Console.WriteLine($"{image.Name}: cosine {cos:F6}, max abs diff {descriptor.Zip(face.Descriptor, (a, b) => Math.Abs(a - b)).Max():E2}");
                Assert.True(cos >= 0.999, $"{image.Name}: cosine {cos}");
            }
        }
    }
}
