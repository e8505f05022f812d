namespace FaceNet2ExpNet.Training;

/// <summary>The loss became NaN/∞ or exploded; raised before the bad step touches the weights.</summary>
public sealed class TrainingDivergedException(string message) : Exception(message);
