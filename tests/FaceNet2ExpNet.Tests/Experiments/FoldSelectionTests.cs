using FaceNet2ExpNet.Experiments;

namespace FaceNet2ExpNet.Tests.Experiments;

public sealed class FoldSelectionTests
{
    [Theory]
    [InlineData("3", new[] { 3 })]
    [InlineData("0-4", new[] { 0, 1, 2, 3, 4 })]
    [InlineData("1,7", new[] { 1, 7 })]
    [InlineData("7, 1,1", new[] { 1, 7 })]
    [InlineData("0-2,5,4-4", new[] { 0, 1, 2, 4, 5 })]
    public void Folds_ranges_and_lists_are_read_sorted_and_distinct(string text, int[] folds)
    {
        Assert.Equal(folds, FoldSelection.Parse(text));
        Assert.Equal(folds, FoldSelection.Parse(FoldSelection.Format(folds)));
    }

    [Fact]
    public void Format_writes_runs_of_folds_as_ranges() => Assert.Equal("0-2,5,7-8", FoldSelection.Format([8, 0, 1, 2, 5, 7]));

    [Theory]
    [InlineData("", "'' is not a fold or a range")]
    [InlineData("-1", "'-1' is not a fold or a range")]
    [InlineData("a", "'a' is not a fold or a range")]
    [InlineData("1-2-3", "'1-2-3' is not a fold or a range")]
    [InlineData("4-2", "the range 4-2 runs backwards; write 2-4")]
    public void Anything_else_is_one_clear_message(string text, string message) =>
        Assert.Contains(message, Assert.Throws<ArgumentException>(() => FoldSelection.Parse(text)).Message);
}
