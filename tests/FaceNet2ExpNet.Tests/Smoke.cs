namespace FaceNet2ExpNet.Tests; public class Smoke { [Fact] public void Loads() => Assert.Equal(2, TorchSharp.torch.ones(2).sum().item<float>()); }
