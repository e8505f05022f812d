using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using FaceNet2ExpNet.Networks.FaceApi;
using FaceNet2ExpNet.Tests.FaceApi;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Tests.Human;

/// <summary>
/// What Human 3.3.6's faceres graph computed under tfjs 4.22 (pure-JS cpu backend) on the faces of the face-api fixture
/// photos (fixtures/reference.json + *.f32.gz, written by tools/faceres-reference/reference.js), and the exact input it
/// saw: the integer crop of face-api's fixture PNG, resized to 224 by tf.image.resizeBilinear (no half-pixel centres),
/// fed as Human feeds it (RGB 0–255; the top-level outputs and the maps) and in the trained convention (BGR minus the
/// Caffe means; <see cref="Face.Hse"/>).
/// </summary>
public sealed record FaceResReference(string Human, string Tfjs, string Backend, FaceResReference.Face[] Faces)
{
    public sealed record Map(string File, long[] Shape, string Layout);
    /// <summary>The graph's four outputs for one input.</summary>
    public sealed record Heads([property: JsonPropertyName("global_pooling")] float[] GlobalPooling, float[] Feats, float[] Gender, float[] Age);
    public sealed record Face(string Name, string Png, FaceApiReference.Rect CropRect,
        [property: JsonPropertyName("global_pooling")] float[] GlobalPooling, float[] Feats,
        float[] Gender, float[] Age, Heads Hse, Dictionary<string, Map>? Maps)
    {
        /// <summary>faceres' input for this face, 1×3×224×224 RGB 0–255, computed as the reference did (TfImage = tfjs arithmetic).</summary>
        public Tensor Pixels(int size = 224) => Crop().ResizeBilinear(size, size).ToTensor();

        /// <summary>The face's integer crop of the fixture photo, at its own size (50–68 px).</summary>
        public TfImage Crop()
        {
            var photo = TfImage.FromRgb(FaceNet2ExpNet.Data.ImageDecoder.Decode(Path.Combine(FaceApiReference.Folder, Png)));
            return photo.Slice((int)CropRect.X, (int)CropRect.Y, (int)CropRect.Width, (int)CropRect.Height);
        }

        /// <summary>A stored map in torch's layout (1×C×H×W), from the reference's NHWC float32.</summary>
        public Tensor LoadMap(string node)
        {
            var map = Maps![node];
            using var gz = new GZipStream(File.OpenRead(Path.Combine(Folder, map.File)), CompressionMode.Decompress);
            using var bytes = new MemoryStream();
            gz.CopyTo(bytes);
            var values = new float[bytes.Length / 4];
            Buffer.BlockCopy(bytes.ToArray(), 0, values, 0, (int)bytes.Length);
            using var nhwc = tensor(values, map.Shape);
            return nhwc.permute(0, 3, 1, 2).contiguous();
        }
    }

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Human", "fixtures");

    private static readonly Lazy<FaceResReference> Cached = new(() => JsonSerializer.Deserialize<FaceResReference>(
        File.ReadAllText(Path.Combine(Folder, "reference.json")), new JsonSerializerOptions(JsonSerializerDefaults.Web))!);

    public static FaceResReference Load() => Cached.Value;
}
