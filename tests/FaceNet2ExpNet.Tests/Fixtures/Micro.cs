using FaceNet2ExpNet.Data.Synthetic;
using FaceNet2ExpNet.Experiments;
using FaceNet2ExpNet.Networks;
using static FaceNet2ExpNet.Experiments.Schedule;

namespace FaceNet2ExpNet.Tests.Fixtures;

/// <summary>A micro synthetic corpus and profile: the whole method (every run kind, two folds) in seconds.</summary>
public static class Micro
{
    public static readonly SyntheticOptions Corpus = new()
    {
        ImageSize = 36, Identities = 10, ImagesPerIdentity = 4, TestImagesPerIdentity = 1, Subjects = 12, SequenceScale = 0.06,
    };

    public static readonly Profile Profile = Profile.Smoke with
    {
        Name = "micro", Description = "tests: the whole method in seconds", Synthetic = Corpus,
        Values = Profile.Smoke.Values.With(SettingValues.Of((Setting.ImageSize, 36), (Setting.InputSize, 32), (Setting.Width, 0.0625),
            (Setting.Folds, 2), (Setting.BatchSize, 16))).With(Methods.ScratchBn, Sgd(0.01, 1)),
        ForFaceNet = new Dictionary<string, SettingValues>
        {
            [FaceNets.Vgg16BnName] = SettingValues.Empty.With(Methods.Pretrain, Sgd(0.01, 1)).With(Methods.FineTune, Sgd(0.01, 2))
                .With(Methods.Stage1, Sgd(1e-3, 2)).With(Methods.Fn2En, Sgd(0.01, 1)),
        },
    };

    /// <summary>Settings of an experiment on the micro corpus under <paramref name="dir"/> (data/ and runs/).</summary>
    public static ExperimentSettings Settings(TempDir dir) => new()
    {
        Dataset = "synthetic-ck", Profile = Profile, DataRoot = dir["data"], RunsRoot = dir["runs"],
    };
}
