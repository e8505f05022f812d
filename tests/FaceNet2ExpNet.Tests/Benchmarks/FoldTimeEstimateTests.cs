using System.Text.Json.Nodes;
using FaceNet2ExpNet.Benchmarks;
using FaceNet2ExpNet.Experiments;
using FaceNet2ExpNet.Networks;

namespace FaceNet2ExpNet.Tests.Benchmarks;

/// <summary>
/// The predicted fold time against numbers computed by hand: the cpu profile's faceapi-resnet schedules, batch 64, the
/// teacher on every stage-1 step, and round rates (img/s) — scratch-BN 128 train / 640 eval, fine-tune 64, face net forward 320,
/// stage 1 256, stage 2 128, FN2EN ExpNet eval 640, decode 100, batch making 6400.
/// </summary>
public sealed class FoldTimeEstimateTests
{
    private static readonly FoldRates Rates = new()
    {
        ScratchBnTrain = 128, ScratchBnEval = 640, FineTuneTrain = 64, FaceNetEval = 320, Stage1Train = 256, Stage2Train = 128, ExpNetEval = 640,
        Decode = 100, Batches = 6400,
    };

    private static FoldSchedules CpuFaceApi => FoldSchedules.Of(Profile.Cpu.Resolve(FaceNets.FaceApiResNetName));

    [Fact]
    public void The_cpu_profiles_schedules_are_read_from_its_settings()
    {
        var s = CpuFaceApi;
        Assert.Equal((64, 0), (s.BatchSize, s.TargetViews));
        Assert.Equal((10, 190), (s.FineTune.Epochs, s.FineTune.MinSteps));
        Assert.Equal((40, 760), (s.ScratchBn.Epochs, s.ScratchBn.MinSteps));
        Assert.Equal((120, 2280), (s.Stage1.Epochs, s.Stage1.MinSteps));
        Assert.Equal((15, 285), (s.Stage2.Epochs, s.Stage2.MinSteps));
    }

    [Fact]
    public void A_CK_plus_size_fold_by_hand()
    {
        // 1,177 training images at batch 64: 19 steps per epoch (18 × 64 + 25), so every schedule's epochs give its min_steps.
        var e = FoldTimeEstimate.Predict(FoldSize.CkPlus, CpuFaceApi, Rates);
        var m = e.Methods.ToDictionary(x => x.Method);
        // fine-tune: 10 epochs × 19 = 190 steps × 64 / 64 img/s = 190 s; batches 190 × 64 / 6400 = 1.9 s; test 10 × 131 / 320 = 4.09375 s.
        Assert.Equal((10, 190), (m["vgg-finetune"].Epochs, m["vgg-finetune"].Steps));
        Assert.Equal(190, m["vgg-finetune"].TrainSeconds, 9);
        Assert.Equal(1.9, m["vgg-finetune"].BatchSeconds, 9);
        Assert.Equal(4.09375, m["vgg-finetune"].EvalSeconds, 9);
        Assert.Equal(195.99375, m["vgg-finetune"].Seconds, 9);
        // scratch-BN: 40 × 19 = 760 steps × 0.5 s = 380 s + 7.6 s + 40 × 131 / 640 = 8.1875 s.
        Assert.Equal((40, 760), (m["scratch-bn"].Epochs, m["scratch-bn"].Steps));
        Assert.Equal(395.7875, m["scratch-bn"].Seconds, 9);
        // stage 1: 120 × 19 = 2280 steps × 0.25 s = 570 s + 22.8 s + 120 × 131 / 640 = 24.5625 s, teacher on every step's batch
        // and the held-out images once: (2280 × 64 + 131) / 320 = 456.409375 s.
        Assert.Equal((120, 2280), (m["fn2en-stage1"].Epochs, m["fn2en-stage1"].Steps));
        Assert.Equal(456.409375, m["fn2en-stage1"].TeacherSeconds, 9);
        Assert.Equal(1073.771875, m["fn2en-stage1"].Seconds, 9);
        // stage 2: 15 × 19 = 285 steps × 0.5 s = 142.5 s + 2.85 s + 15 × 131 / 640 = 3.0703125 s.
        Assert.Equal((15, 285), (m["fn2en"].Epochs, m["fn2en"].Steps));
        Assert.Equal(148.4203125, m["fn2en"].Seconds, 9);
        Assert.Equal(13.08, e.DecodeSeconds, 9);   // 1308 images / 100 img/s, once
        Assert.Equal(1827.0534375, e.TotalSeconds, 9);
    }

    [Fact]
    public void A_200_image_fold_is_stretched_to_the_minimum_steps_as_the_trainer_stretches_it()
    {
        // 183 training images: 3 steps per epoch (64 + 64 + 55); epochs = ⌈min_steps / 3⌉.
        var e = FoldTimeEstimate.Predict(FoldSize.Small, CpuFaceApi, Rates);
        var m = e.Methods.ToDictionary(x => x.Method);
        // fine-tune: ⌈190 / 3⌉ = 64 epochs, 192 steps: 192 + 1.92 + 64 × 20 / 320 = 4 → 197.92 s.
        Assert.Equal((64, 192), (m["vgg-finetune"].Epochs, m["vgg-finetune"].Steps));
        Assert.Equal(197.92, m["vgg-finetune"].Seconds, 9);
        // scratch-BN: 254 epochs, 762 steps: 381 + 7.62 + 254 × 20 / 640 = 7.9375 → 396.5575 s.
        Assert.Equal((254, 762), (m["scratch-bn"].Epochs, m["scratch-bn"].Steps));
        Assert.Equal(396.5575, m["scratch-bn"].Seconds, 9);
        // stage 1: 760 epochs, 2280 steps: 570 + 22.8 + 760 × 20 / 640 = 23.75 + (2280 × 64 + 20) / 320 = 456.0625 → 1072.6125 s:
        // the same teacher time as a CK+-size fold, as the steps are the same.
        Assert.Equal((760, 2280), (m["fn2en-stage1"].Epochs, m["fn2en-stage1"].Steps));
        Assert.Equal(1072.6125, m["fn2en-stage1"].Seconds, 9);
        // stage 2: 95 epochs, 285 steps: 142.5 + 2.85 + 95 × 20 / 640 = 2.96875 → 148.31875 s.
        Assert.Equal((95, 285), (m["fn2en"].Epochs, m["fn2en"].Steps));
        Assert.Equal(148.31875, m["fn2en"].Seconds, 9);
        Assert.Equal(1817.43875, e.TotalSeconds, 9);   // + 203 / 100 = 2.03 s decoding
    }

    [Fact]
    public void With_cached_targets_the_teacher_runs_once_per_view_and_held_out_image()
    {
        var e = FoldTimeEstimate.Predict(FoldSize.CkPlus, CpuFaceApi with { TargetViews = 8 }, Rates with { Decode = null, Batches = null });
        var stage1 = e.Methods.Single(x => x.Method == "fn2en-stage1");
        Assert.Equal((8 * 1177 + 131) / 320.0, stage1.TeacherSeconds, 9);   // 29.834375 s
        Assert.Equal(570 + 24.5625 + 29.834375, stage1.Seconds, 9);
        Assert.Equal(0, stage1.BatchSeconds);
        Assert.Equal(0, e.DecodeSeconds);
    }

    [Fact]
    public void The_bench_section_gives_the_same_estimate_from_its_figures()
    {
        var figures = new JsonObject
        {
            ["format"] = "bf16 + channels-last", ["scratch_bn_train_img_s"] = 128.0, ["scratch_bn_eval_ms_per_img"] = 1000 / 640.0,
            ["finetune_train_img_s"] = 64.0, ["face_net_eval_img_s"] = 320.0, ["stage1_train_img_s"] = 256.0, ["stage2_train_img_s"] = 128.0,
            ["expnet_eval_ms_per_img"] = 1000 / 640.0,
        };
        var section = new JsonObject { ["face_nets"] = new JsonObject { [FaceNets.FaceApiResNetName] = figures, [FaceNets.FaceResName] = null } };
        CpuProfileBench.AddFoldEstimates(section, new JsonObject { ["decode_img_s"] = 100.0, ["crop_flip_img_s"] = 6400.0 });
        var folds = figures["predicted_fold"]!;
        Assert.Equal(1827.1, folds["ck_plus"]!["total_s"]!.GetValue<double>());
        Assert.Equal(1817.4, folds["200_images"]!["total_s"]!.GetValue<double>());
        Assert.Equal(2280, folds["ck_plus"]!["methods"]!["fn2en-stage1"]!["steps"]!.GetValue<int>());
        Assert.Equal(456.4, folds["ck_plus"]!["methods"]!["fn2en-stage1"]!["teacher_s"]!.GetValue<double>());

        figures["stage2_train_img_s"] = null;   // a figure missing (refused, or bf16 skipped): no estimate
        CpuProfileBench.AddFoldEstimates(section, null);
        Assert.Null(figures["predicted_fold"]);
    }
}
