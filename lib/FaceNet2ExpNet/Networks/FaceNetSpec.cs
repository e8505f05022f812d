namespace FaceNet2ExpNet.Networks;

/// <summary>
/// One face net the method can use (a registry entry, as timm's model specs): its name, whether <see cref="Create"/>
/// returns trained weights (else it is pre-trained here on a face corpus first), what it is and which input it expects,
/// and how to build it with a last layer of a given number of classes (network size, models folder or null).
/// Its stage-1 supervision shape and layer-selection taps come from the created <see cref="IFaceNet"/>; the schedules
/// each profile uses with it are in <c>Profile.Recipes</c>. <see cref="ChannelsLast"/>: false for a net this libtorch
/// cannot run in the channels-last memory format (<see cref="Training.ChannelsLastSupport"/> names the layer), whose runs
/// then stay NCHW where a profile defaults to channels-last.
/// </summary>
public sealed record FaceNetSpec(string Name, bool Pretrained, string Description, Func<int, NetworkSize, string?, IFaceNet> Create, bool ChannelsLast = true);
