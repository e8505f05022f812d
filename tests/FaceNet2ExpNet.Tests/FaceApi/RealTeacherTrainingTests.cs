using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Losses;
using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Networks.FaceApi;
using FaceNet2ExpNet.Tests.Fixtures;
using FaceNet2ExpNet.Training;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Tests.FaceApi;

/// <summary>
/// The fixes that make the method train with a real pretrained face net (face-api's ResNet, as installed): the
/// batch-normalised classifier on the descriptor, and stage 1 on the standardised teacher map from a zero bridge.
/// </summary>
[Collection(TorchRng.Collection)]
public sealed class RealTeacherTrainingTests : IDisposable
{
    private static readonly NetworkSize Size = new(48, 0.125);
    private readonly TempDir dir = new();
    private readonly ImageSet images;

    // 3 subjects × 3 classes × 2 images of 56 px (18 images); the nets see 48 px crops.
    public RealTeacherTrainingTests() => images = TinyDataset.Create(dir["tiny"], subjects: 3, perSubjectPerClass: 2, size: 56, folds: 3).Load(56);

    public void Dispose()
    {
        images.Dispose();
        dir.Dispose();
    }

    private static Trainer Sgd(double lr, int epochs, int batch = 6) => new(new TrainerOptions
    {
        Schedule = new StepSchedule(lr, epochs, StepEvery: 0), BatchSize = batch, Crop = 48, Seed = 3, ProgressSeconds = 1e9,
    }, TextWriter.Null);

    /// <summary>Centre-crop teacher maps of every image, N×C×H×W.</summary>
    private Tensor TeacherMaps(IFaceNet teacher)
    {
        var maps = new List<Tensor>();
        using (no_grad()) Evaluation.ForEachBatch(images, 48, Normalization.Standard, 6, null, (b, _) => maps.Add(teacher.Pool5(b.Images).MoveToOuterDisposeScope()));
        return cat(maps, 0);
    }

    [Fact]
    public void Standardised_teacher_map_has_zero_mean_per_element_and_unit_rms_over_the_images_it_was_measured_on()
    {
        using var teacher = (FaceRecognitionResNet)FaceNets.Create("faceapi-resnet", 3, Size);
        teacher.eval();
        using var s = TeacherStandardization.Measure(teacher, images, 48, Normalization.Standard, batchSize: 5);
        using var raw = TeacherMaps(teacher);
        using var z = s.Apply(raw);
        Assert.Equal([1L, 256, 4, 4], s.Mean.shape);
        Assert.True(z.mean([0]).abs().max().item<float>() < 1e-4, "a per-element mean is left");
        Assert.Equal(1.0, z.square().mean().sqrt().item<float>(), 3);
        // The real map is mostly common mode: its image-specific part (s) is well below its rms.
        var rms = raw.square().mean().sqrt().item<float>();
        Assert.True(s.Scale < 0.8 * rms, $"s = {s.Scale} vs rms {rms}");
    }

    [Fact]
    public void Stage_1_from_a_zero_bridge_starts_at_the_mean_predictor_and_moves_every_layer()
    {
        using var teacher = (FaceRecognitionResNet)FaceNets.Create("faceapi-resnet", 3, Size);
        using var s = TeacherStandardization.Measure(teacher, images, 48, Normalization.Standard, batchSize: 6);
        manual_seed(5);
        using var expNet = new ExpNet(new ExpNetOptions { Classes = 3, Size = Size, Target = teacher.Pool5Shape });
        expNet.ZeroBridge();
        using (no_grad())
        using (var x = randn(2, 3, 48, 48))
        using (var g0 = expNet.Features(x))
            Assert.Equal(0f, g0.abs().max().item<float>());   // g(I) starts at the mean predictor of the standardised target
        var before = expNet.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());

        // 2 epochs × 3 steps: the first step moves only the bridge (its input gradient is zero); later steps reach conv1.
        var history = Stages.Stage1(expNet, teacher, images, Sgd(3e-4, 2), "stage 1", standardization: s);

        var after = expNet.state_dict();
        foreach (var key in new[] { "bridge.weight", "features.conv1.weight" })
            Assert.True((after[key] - before[key]).abs().max().item<float>() > 0, $"{key} did not move");
        // The loss is eq. 4 on the standardised target: about the number of elements (4,096) per image from the mean predictor.
        Assert.InRange(history.Losses[0], 0.5 * 4096, 2.0 * 4096);
    }

    [Fact]
    public void Fine_tuning_through_the_batch_normalised_classifier_fits_the_training_images()
    {
        using var net = (FaceRecognitionResNet)FaceNets.Create("faceapi-resnet", 3, Size);
        var history = Stages.FineTune(net, images, Sgd(1e-4, 15), "fine-tune", newLayerLrMult: 10);
        var accuracy = Evaluation.Accuracy(net, images, 48, Normalization.Standard, 6);
        Assert.True(history.Losses[^1] < 0.5 * history.Losses[0], $"loss {history.Losses[0]} → {history.Losses[^1]}");
        Assert.True(accuracy >= 0.9, $"training accuracy {accuracy}");
    }
}
