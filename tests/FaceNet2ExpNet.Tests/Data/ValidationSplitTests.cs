using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Tests.Fixtures;

namespace FaceNet2ExpNet.Tests.Data;

public class ValidationSplitTests
{
    [Fact]
    public void K_fold_hold_out_takes_whole_training_subjects_and_never_a_test_row()
    {
        using var dir = new TempDir();
        var ds = TinyDataset.Create(dir["tiny"], subjects: 9, folds: 3);   // 12 images per subject, 3 subjects per fold
        var split = ds.Fold(0);
        var (train, valid) = ValidationSplit.Of(ds, split, fraction: 0.3);

        Assert.Equal(split.Train.Order(), train.Concat(valid).Order());          // a partition of the training rows
        Assert.Empty(valid.Intersect(split.Test));
        var validSubjects = valid.Select(r => ds.Rows[r].Subject).ToHashSet();
        Assert.DoesNotContain(train, r => validSubjects.Contains(ds.Rows[r].Subject));   // subject-disjoint
        Assert.Equal(2, validSubjects.Count);                                      // 30 % of 72 rows → two subjects (24 rows)
    }

    [Fact]
    public void Is_deterministic_and_the_seed_changes_the_subjects()
    {
        using var dir = new TempDir();
        var ds = TinyDataset.Create(dir["tiny"], subjects: 12, folds: 3);
        var split = ds.Fold(1);
        var a = ValidationSplit.Of(ds, split, 0.2, seed: 1);
        var b = ValidationSplit.Of(ds, split, 0.2, seed: 1);
        Assert.Equal(a.Valid, b.Valid);
        var others = Enumerable.Range(2, 8).Select(s => ValidationSplit.Of(ds, split, 0.2, seed: s).Valid);
        Assert.Contains(others, v => !v.SequenceEqual(a.Valid));
    }

    [Fact]
    public void Fixed_splits_keep_their_own_validation_rows()
    {
        using var dir = new TempDir();
        var ds = TinyDataset.Create(dir["tiny"], protocol: Protocol.Splits, folds: 2);
        var split = ds.Fold(0);
        var (train, valid) = ValidationSplit.Of(ds, split);
        Assert.Equal(split.Train, train);
        Assert.Equal(split.Valid, valid);
    }

    [Fact]
    public void One_subject_cannot_be_split_and_the_fraction_must_be_a_fraction()
    {
        Assert.Throws<ArgumentException>(() => ValidationSplit.HoldOutSubjects([0, 1, 2], _ => "S1", 0.2, 1));
        Assert.Throws<ArgumentException>(() => ValidationSplit.HoldOutSubjects([0, 1], r => $"S{r}", 1.0, 1));
        var (train, valid) = ValidationSplit.HoldOutSubjects([0, 1], r => $"S{r}", 0.99, 1);
        Assert.Single(train);   // never every subject
        Assert.Single(valid);
    }
}
