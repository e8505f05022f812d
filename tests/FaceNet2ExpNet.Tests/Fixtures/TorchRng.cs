namespace FaceNet2ExpNet.Tests.Fixtures;

/// <summary>
/// Tests that seed torch's global generator and expect exact sequences (or thread-local tensor counts, or process-wide page-fault counts) run in this
/// collection, alone: xunit runs other test classes in parallel and they would draw from the same generator.
/// </summary>
[CollectionDefinition(Collection, DisableParallelization = true)]
public sealed class TorchRng
{
    public const string Collection = "torch global RNG";
}
