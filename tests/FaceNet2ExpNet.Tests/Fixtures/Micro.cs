using FaceNet2ExpNet.Data.Synthetic;
using FaceNet2ExpNet.Experiments;
using FaceNet2ExpNet.Networks;
using static FaceNet2ExpNet.Experiments.TrainingRecipe;

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
        Name = "micro", Synthetic = Corpus, ImageSize = 36, Network = new NetworkSize(32, 0.0625), Folds = 2, BatchSize = 16,
        ScratchBn = Sgd(0.01, 1),
        Recipes = new Dictionary<string, FaceNetRecipes> { [FaceNets.Vgg16BnName] = new(Sgd(0.01, 1), Sgd(0.01, 2), Sgd(1e-3, 2), Sgd(0.01, 1)) },
    };

    /// <summary>Settings of an experiment on the micro corpus under <paramref name="dir"/> (data/ and runs/).</summary>
    public static ExperimentSettings Settings(TempDir dir) => new()
    {
        Dataset = "synthetic-ck", Profile = Profile, DataRoot = dir["data"], RunsRoot = dir["runs"],
    };
}
