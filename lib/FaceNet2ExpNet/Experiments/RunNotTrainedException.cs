namespace FaceNet2ExpNet.Experiments;

/// <summary>A run was read (results, a trained model) but is not trained yet; reading never trains silently.</summary>
public sealed class RunNotTrainedException(string message) : InvalidOperationException(message);
