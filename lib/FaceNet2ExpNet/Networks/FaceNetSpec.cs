namespace FaceNet2ExpNet.Networks;

/// <summary>
/// One face net the method can use (a registry entry, as timm's model specs): its name, whether <see cref="Create"/>
/// returns trained weights (else it is pre-trained here on a face corpus first), what it is and which input it expects,
/// and how to build it with a last layer of a given number of classes (network size, models folder or null).
/// Its stage-1 supervision shape and layer-selection taps come from the created <see cref="IFaceNet"/>; the schedules
/// each profile uses with it are in <c>Profile.ForFaceNet</c>; the facts below apply whatever the profile.
/// </summary>
public sealed record FaceNetSpec(string Name, bool Pretrained, string Description, Func<int, NetworkSize, string?, IFaceNet> Create)
{
    /// <summary>
    /// Stage 1 regresses its map standardised over the training images (setting <c>stage1.standardize_teacher</c>): a
    /// real pretrained net's map is mostly the same for every face (<see cref="Losses.TeacherStandardization"/>).
    /// </summary>
    public bool StandardizeTeacher { get; init; }
    /// <summary>FN2EN's ExpNet upsamples conv5 before its bridge (setting <c>expnet.upsample_before_bridge</c>): for a wide last map (faceres' 1024 channels).</summary>
    public bool UpsampleBeforeBridge { get; init; }
    /// <summary>Its channel counts follow the <c>width</c> setting (the VGG-16 nets trained here); a pretrained net keeps its own.</summary>
    public bool ScalesWithWidth => !Pretrained;
}
