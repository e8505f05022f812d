namespace FaceNet2ExpNet.Data;

/// <summary>Row indices of one fold's train, validation and test images.</summary>
public sealed record FoldSplit(int Fold, int[] Train, int[] Valid, int[] Test);
