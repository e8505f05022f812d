using static TorchSharp.torch;

namespace FaceNet2ExpNet.Networks.Import;

/// <summary>
/// Imports VGG-16 weights (VGG-Face [33] for researchers who have them) from a safetensors file into <see cref="Vgg16"/>.
/// Tensor names may follow VGG-Face/Caffe (<c>conv1_1.weight</c> … <c>fc8.bias</c>, as in the Caffe model and its
/// vgg_face_dag PyTorch port), torchvision (<c>features.0.weight</c> … <c>classifier.6.bias</c>) or this project's
/// Vgg16 (<c>features.conv1_1.weight</c>, <c>fc.fc6.weight</c>, <c>fc8.weight</c>). fc6 may be stored conv-shaped
/// (4096×512×7×7). The width, input size and class count are read from the tensors' shapes.
/// </summary>
public static class VggFaceImport
{
    private static readonly string[] Convs =
        ["conv1_1", "conv1_2", "conv2_1", "conv2_2", "conv3_1", "conv3_2", "conv3_3", "conv4_1", "conv4_2", "conv4_3", "conv5_1", "conv5_2", "conv5_3"];
    private static readonly int[] TorchvisionFeature = [0, 2, 5, 7, 10, 12, 14, 17, 19, 21, 24, 26, 28];
    private static readonly (string Caffe, string Torchvision, string Ours)[] Fcs =
        [("fc6", "classifier.0", "fc.fc6"), ("fc7", "classifier.3", "fc.fc7"), ("fc8", "classifier.6", "fc8")];

    /// <summary>Where <c>FaceNets.Create("vggface", …)</c> looks: &lt;models&gt;/vgg-face/vgg_face.safetensors.</summary>
    public static string DefaultPath(string? modelsDir)
    {
        const string relative = "vgg-face/vgg_face.safetensors";
        if (modelsDir is not null) return File.Exists(modelsDir) ? modelsDir : Path.Combine(modelsDir, relative);
        if (Environment.GetEnvironmentVariable("FN2EN_MODELS") is { Length: > 0 } env) return Path.Combine(env, relative);
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "models", relative))) return Path.Combine(dir.FullName, "models", relative);
        return Path.Combine(Directory.GetCurrentDirectory(), "models", relative);
    }

    /// <summary>
    /// VGG-Face with its input conventions: the channel order comes from <paramref name="order"/>, else from the file's
    /// metadata "channel_order" ("rgb" or "bgr"); with neither the import stops rather than guess.
    /// </summary>
    public static VggFace Load(string path, ChannelOrder? order = null)
    {
        var file = SafeTensors.Open(path);
        var resolved = order ?? (file.Metadata.TryGetValue("channel_order", out var o)
            ? o.ToLowerInvariant() switch
            {
                "rgb" => ChannelOrder.Rgb,
                "bgr" => ChannelOrder.Bgr,
                _ => throw new InvalidDataException($"{path}: metadata channel_order is '{o}'; expected rgb or bgr."),
            }
            : throw new InvalidDataException(
                $"{path}: which channel order do these weights expect? The Caffe VGG-Face model (and conversions of it) takes BGR; " +
                "the vgg_face_dag PyTorch/MatConvNet port takes RGB. Pass ChannelOrder, or store __metadata__ {\"channel_order\": \"bgr\"|\"rgb\"} " +
                "in the file (docs/face-api.md shows how)."));
        return new VggFace(Read(file, out _), resolved);
    }

    /// <summary>The weights as a plain <see cref="Vgg16"/>; <paramref name="unused"/> lists tensors of the file that were not needed.</summary>
    public static Vgg16 LoadVgg16(string path, out IReadOnlyList<string> unused) => Read(SafeTensors.Open(path), out unused);

    private static Vgg16 Read(SafeTensors file, out IReadOnlyList<string> unused)
    {
        var used = new HashSet<string>();
        string Find(string what, params string[] candidates)
        {
            var hit = candidates.FirstOrDefault(file.Entries.ContainsKey)
                      ?? throw new InvalidDataException($"{file.Path}: no tensor for {what} (looked for {string.Join(", ", candidates)}); " +
                                                        $"the file has {string.Join(", ", file.Entries.Keys.Take(8))}{(file.Entries.Count > 8 ? ", …" : "")}.");
            used.Add(hit);
            return hit;
        }

        var mapping = new Dictionary<string, string>();   // our key → file name
        for (var i = 0; i < Convs.Length; i++)
            foreach (var p in new[] { "weight", "bias" })
                mapping[$"features.{Convs[i]}.{p}"] = Find($"{Convs[i]}.{p}", $"{Convs[i]}.{p}", $"features.{TorchvisionFeature[i]}.{p}", $"features.{Convs[i]}.{p}");
        foreach (var (caffe, tv, ours) in Fcs)
            foreach (var p in new[] { "weight", "bias" })
                mapping[$"{ours}.{p}"] = Find($"{caffe}.{p}", $"{caffe}.{p}", $"{tv}.{p}", $"{ours}.{p}");

        // Width from conv1_1 (64·width filters), input side from fc6 (512·width·side² inputs), classes from fc8.
        var conv1 = file.Entries[mapping["features.conv1_1.weight"]].Shape;
        var fc6 = file.Entries[mapping["fc.fc6.weight"]].Shape;
        var fc8 = file.Entries[mapping["fc8.weight"]].Shape;
        var width = conv1[0] / 64.0;
        var pool5Channels = new NetworkSize(224, width).Channels(512);
        var fc6Inputs = fc6.Skip(1).Aggregate(1L, (a, b) => a * b);
        var side = (int)Math.Round(Math.Sqrt(fc6Inputs / (double)pool5Channels));
        if ((long)side * side * pool5Channels != fc6Inputs)
            throw new InvalidDataException($"{file.Path}: fc6 takes {fc6Inputs} inputs, not 512·width·side² for width {width} ({pool5Channels} pool5 channels).");
        var net = new Vgg16((int)fc8[0], new NetworkSize(side * 32, width));

        var state = net.state_dict();
        using var _ = no_grad();
        foreach (var (key, name) in mapping)
        {
            var target = state[key];
            using var value = file.Get(name);
            var sameShape = value.shape.SequenceEqual(target.shape);
            var convShapedFc6 = key == "fc.fc6.weight" && value.dim() == 4 && value.numel() == target.numel();
            if (!sameShape && !convShapedFc6)
                throw new InvalidDataException($"{file.Path}: tensor '{name}' has shape [{string.Join(", ", value.shape)}]; {key} of this VGG-16 " +
                                               $"(width {width}, input {side * 32}) needs [{string.Join(", ", target.shape)}].");
            target.copy_(value.reshape(target.shape));
        }
        unused = file.Entries.Keys.Where(k => !used.Contains(k)).ToList();
        return net;
    }
}
