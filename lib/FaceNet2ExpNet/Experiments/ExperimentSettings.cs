namespace FaceNet2ExpNet.Experiments;

/// <summary>Which dataset, at which profile, with which face net, where data and runs live, on which device.</summary>
public sealed record ExperimentSettings
{
    /// <summary>Prepared dataset under <see cref="DataRoot"/> (synthetic-ck, ck-plus, oulu-casia, tfd, sfew, …).</summary>
    public required string Dataset { get; init; }
    public required Profile Profile { get; init; }
    public string DataRoot { get; init; } = "data";
    public string RunsRoot { get; init; } = "runs";
    /// <summary>The face net, pre-trained here on <see cref="FaceCorpus"/>: "vgg16" or "vgg16-bn"; null = the profile's.</summary>
    public string? FaceNet { get; init; }
    /// <summary>Face-recognition corpus the VGG-16 face net is pre-trained on.</summary>
    public string FaceCorpus { get; init; } = "synthetic-faces";
    /// <summary>A prepared dataset with the same classes whose training images are added to every fold's (SFEW + FER2013).</summary>
    public string? ExtraTrainingData { get; init; }
    /// <summary>cpu, cuda or cuda:N; null = the FN2EN_DEVICE environment variable, else cpu.</summary>
    public string? Device { get; init; }
}
