namespace FaceNet2ExpNet.Experiments.Claims;

/// <summary>Another process took over a run this process was training (this one was silent for the stale-claim time); fn2en exits with code 5.</summary>
public sealed class RunClaimLostException(string message, Exception? inner = null) : Exception(message, inner);
