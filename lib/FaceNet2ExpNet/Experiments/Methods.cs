namespace FaceNet2ExpNet.Experiments;

/// <summary>The run kinds of an experiment, by the names the run store and the CLI use.</summary>
public static class Methods
{
    /// <summary>Face-net pre-training on the face corpus (identity classification): one run for all folds.</summary>
    public const string Pretrain = "facenet-pretrain";
    /// <summary>"VGG Fine-Tune (baseline)": the face net fine-tuned on a fold's expressions.</summary>
    public const string FineTune = "vgg-finetune";
    /// <summary>"Train From Scratch (BN)".</summary>
    public const string ScratchBn = "scratch-bn";
    /// <summary>FN2EN stage 1 (eq. 4): ExpNet's conv layers regress the fine-tuned face net's pool5.</summary>
    public const string Stage1 = "fn2en-stage1";
    /// <summary>FN2EN stage 2 (eq. 5): the result the tables report as FN2EN.</summary>
    public const string Fn2En = "fn2en";

    /// <summary>The methods of the results tables, in the paper's order.</summary>
    public static IReadOnlyList<string> Compared { get; } = [ScratchBn, FineTune, Fn2En];
}
