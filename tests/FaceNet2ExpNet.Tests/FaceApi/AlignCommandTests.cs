using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Data.Alignment;
using FaceNet2ExpNet.DataPrep;
using FaceNet2ExpNet.Tests.Fixtures;

namespace FaceNet2ExpNet.Tests.FaceApi;

public class AlignCommandTests(FaceApiNets nets) : IClassFixture<FaceApiNets>
{
    [Fact]
    public void Aligns_a_folder_tree_lists_frames_without_a_face_and_skips_done_work()
    {
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp["in/S001"]);
        foreach (var image in FaceApiReference.Load().Images) File.Copy(image.Path, tmp[$"in/S001/{image.Png}"]);
        File.WriteAllBytes(tmp["in/blank.png"], ImageEncoder.Png(Enumerable.Repeat((byte)90, 64 * 48 * 3).ToArray(), 64, 48));
        using var aligner = new FaceApiAligner(nets.Pipeline);

        var first = AlignCommand.Run(tmp["in"], tmp["out"], aligner, 128, force: false, TextWriter.Null);
        Assert.Equal((2, 0), (first.Aligned, first.Skipped));
        Assert.Equal("blank.png", Assert.Single(first.NoFace).Split(':')[0]);
        var aligned = ImageDecoder.Decode(tmp["out/S001/sample1.png"]);
        Assert.Equal((128, 128), (aligned.Width, aligned.Height));
        Assert.StartsWith("face-api 1.7.15", File.ReadAllText(tmp["out/alignment.txt"]));
        Assert.Contains("blank.png", File.ReadAllText(tmp["out/not-aligned.txt"]));
        Assert.Equal("face-api SSD MobileNet v1 found a face in 2 of 3 images; a retry on the frame padded with grey in 0 of the other 1 (1 without a face: blank.png)",
                     first.Detections!.Describe(first.NoFace.Select(n => n.Split(": ")[0]).ToList()));

        var second = AlignCommand.Run(tmp["in"], tmp["out"], aligner, 128, force: false, TextWriter.Null);
        Assert.Equal((0, 2, 1), (second.Aligned, second.Skipped, second.NoFace.Count));
        Assert.Equal((0, 0, 1), (second.Detections!.Found, second.Detections.Rescued, second.Detections.NoFace));   // only this run's frames
    }

    [Fact]
    public void The_aligner_factory_knows_both_normalisations()
    {
        Assert.IsType<CentreCropAligner>(Aligners.Create("centre-crop"));
        using (var a = (FaceApiAligner)Aligners.Create("face-api")) Assert.Contains("SSD MobileNet v1 (min confidence 0.5, max 100 results), else tiny face detector", a.Name);
        using (var a = (FaceApiAligner)Aligners.Create("face-api:tiny")) Assert.StartsWith("face-api 1.7.15 tiny face detector (input 416, score > 0.5) + 68 landmarks", a.Name);
        Assert.Contains("face-api, face-api:ssd, face-api:tiny, centre-crop", Assert.Throws<ArgumentException>(() => Aligners.Create("viola-jones")).Message);
    }
}
