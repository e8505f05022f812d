using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Data.Alignment;
using FaceNet2ExpNet.Data.Imaging;
using FaceNet2ExpNet.Data.Importers;
using FaceNet2ExpNet.Networks.FaceApi;
using FaceNet2ExpNet.Tests.Fixtures;

namespace FaceNet2ExpNet.Tests.FaceApi;

/// <summary>
/// The face-api aligner's detector choice: SSD MobileNet v1 by default with the tiny face detector as fallback,
/// face-api:ssd / face-api:tiny alone; names recorded in dataset.json read back (also those written before SSD); and
/// the per-import count of the faces each detector found.
/// </summary>
public class FaceApiDetectorChoiceTests(FaceApiNets nets) : IClassFixture<FaceApiNets>
{
    /// <summary>What every dataset aligned with face-api before the SSD detector recorded (the default settings).</summary>
    private const string TinyEraNormalisation = "face-api 1.7.15 tiny face detector (input 416, score > 0.5) + 68 landmarks: " +
                                                "eyes level, 0.3·size apart, centred at (0.5, 0.36)·size, cropped and resized";

    private static (FaceDetectorOptions, FaceDetectorOptions?) Pair(FaceDetectorOptions detector, FaceDetectorOptions? fallback) => (detector, fallback);

    private static readonly ImageDecoder.Rgb Grey = new(Enumerable.Repeat((byte)128, 160 * 120 * 3).ToArray(), 160, 120);

    [Fact]
    public void Names_choose_ssd_with_tiny_as_fallback_or_one_detector_alone()
    {
        using (var a = Assert.IsType<FaceApiAligner>(Aligners.Parse("face-api")))
        {
            Assert.Equal(Pair(new SsdMobileNetV1Options(0.5, 100), new TinyFaceDetectorOptions(416, 0.5)), (a.Detector, a.Fallback));
            Assert.Equal("face-api 1.7.15 SSD MobileNet v1 (min confidence 0.5, max 100 results), else tiny face detector (input 416, score > 0.5) + " +
                         "68 landmarks: eyes level, 0.3·size apart, centred at (0.5, 0.36)·size, cropped and resized", a.Name);
        }
        using (var a = Assert.IsType<FaceApiAligner>(Aligners.Parse("face-api:ssd")))
            Assert.Equal(Pair(new SsdMobileNetV1Options(), null), (a.Detector, a.Fallback));
        using (var a = Assert.IsType<FaceApiAligner>(Aligners.Parse("Face-API:Tiny")))
        {
            Assert.Equal(Pair(new TinyFaceDetectorOptions(), null), (a.Detector, a.Fallback));
            Assert.Equal(TinyEraNormalisation, a.Name);   // the tiny detector's name is unchanged
        }
        Assert.Contains("ssd or tiny", Assert.Throws<ArgumentException>(() => Aligners.Parse("face-api:yolo")).Message);
        Assert.Contains("ssd or tiny", Assert.Throws<ArgumentException>(() => FaceNet2ExpNet.DataPrep.AlignerOption.Parse("face-api:yolo")).Message);
        Assert.IsType<FaceNet2ExpNet.DataPrep.LazyAligner>(FaceNet2ExpNet.DataPrep.AlignerOption.Parse("face-api:tiny"));
        Assert.Contains("is not a number", Assert.Throws<ArgumentException>(() => FaceNet2ExpNet.DataPrep.AlignerOption.Parse("centre-crop:wide")).Message);
    }

    [Fact]
    public void Recorded_normalisations_old_and_new_give_back_the_same_aligner()
    {
        using (var old = Assert.IsType<FaceApiAligner>(Aligners.ForNormalisation(TinyEraNormalisation)))
        {
            Assert.Equal(Pair(new TinyFaceDetectorOptions(416, 0.5), null), (old.Detector, old.Fallback));
            Assert.Equal(TinyEraNormalisation, old.Name);
        }
        var recorded = new[]
        {
            new FaceApiAligner(nets.Pipeline),
            new FaceApiAligner(nets.Pipeline, new EyeAlignment(0.32, 0.4), new SsdMobileNetV1Options(0.7, 20), new TinyFaceDetectorOptions(320, 0.6)),
            new FaceApiAligner(nets.Pipeline, null, new TinyFaceDetectorOptions(608, 0.45)),
        };
        foreach (var aligner in recorded)
        {
            using var again = Assert.IsType<FaceApiAligner>(Aligners.ForNormalisation(aligner.Name));
            Assert.Equal(aligner.Name, again.Name);
            Assert.Equal((aligner.Detector, aligner.Fallback, aligner.Geometry), (again.Detector, again.Fallback, again.Geometry));
        }
    }

    [Fact]
    public void The_fallback_detector_rescues_a_frame_the_first_finds_no_face_in_and_both_are_counted()
    {
        var photo = FaceApiReference.Load().Images[0];   // sample1: SSD's best score 0.996, the tiny detector's 0.828
        using var aligner = new FaceApiAligner(nets.Pipeline, null, new SsdMobileNetV1Options(0.999), new TinyFaceDetectorOptions());
        aligner.Align(photo.Decode(), 64, out var face);
        Assert.Equal(photo.Faces[0].Score, face.Detection.Score, 4);   // the tiny detector's face
        var e = Assert.Throws<FaceNotFoundException>(() => aligner.Align(Grey, 64));
        Assert.Equal("face-api's SSD MobileNet v1 found no face (min confidence 0.999), nor did the tiny face detector (score > 0.5) in the 160×120 frame, nor with it padded.", e.Message);

        using var ssd = new FaceApiAligner(nets.Pipeline);
        ssd.Align(photo.Decode(), 64, out var best);
        Assert.Equal(photo.SsdFaces[0].Score, best.Detection.Score, 4);
        Assert.Throws<FaceNotFoundException>(() => ssd.Align(Grey, 64));

        Assert.Equal(new DetectionCounts("face-api SSD MobileNet v1", "the tiny face detector (then both on the frame padded with grey)", 0, 1, 1), aligner.Detections);
        Assert.Equal(new DetectionCounts("face-api SSD MobileNet v1", "a retry on the frame padded with grey", 1, 0, 1), ssd.Detections);
    }

    [Fact]
    public void Counts_are_described_per_detector_naming_the_images_without_a_face()
    {
        var before = new DetectionCounts("face-api SSD MobileNet v1", "the tiny face detector", 100, 1, 0);
        var after = before with { Found = 311, Rescued = 2, NoFace = 1 };
        var counts = after.Since(before);
        Assert.Equal(213, counts.Frames);
        Assert.Equal("face-api SSD MobileNet v1 found a face in 211 of 213 images; the tiny face detector in 1 of the other 2 (1 without a face: a.png)",
                     counts.Describe(["a.png"]));
        Assert.Equal("face-api SSD MobileNet v1 found a face in 3 of 3 images", new DetectionCounts("face-api SSD MobileNet v1", null, 3, 0, 0).Describe([]));
        Assert.Equal("face-api tiny face detector found a face in 4 of 7 images (3 without a face: a.png, b.png, …)",
                     new DetectionCounts("face-api tiny face detector", null, 4, 0, 3).Describe(["a.png", "b.png", "c.png"], max: 2));
    }

    [Fact]
    public void A_folder_import_says_how_many_images_the_detector_found_a_face_in()
    {
        using var tmp = new TempDir();
        var images = FaceApiReference.Load().Images;
        Directory.CreateDirectory(tmp["photos/happy"]);
        Directory.CreateDirectory(tmp["photos/neutral"]);
        File.Copy(images[0].Path, tmp["photos/happy/sample1.png"]);
        File.Copy(images[1].Path, tmp["photos/neutral/sample5.png"]);
        File.WriteAllBytes(tmp["photos/neutral/blank.png"], ImageEncoder.Png(Grey.Pixels, Grey.Width, Grey.Height));
        using var aligner = new FaceApiAligner(nets.Pipeline, null, new SsdMobileNetV1Options(), new TinyFaceDetectorOptions());
        var result = FolderImporter.Import(new ImportOptions(tmp["photos"], tmp["data"]) { ImageSize = 64, Aligner = aligner },
            new FolderOptions(NoSubjects: true, Folds: 2));
        Assert.Equal(2, result.Datasets.Single().Rows.Count);
        Assert.Contains("  face-api SSD MobileNet v1 found a face in 2 of 3 images; the tiny face detector (then both on the frame padded with grey) in 0 of the other 1 (1 without a face: blank.png)", result.Summary);
        Assert.Equal(aligner.Name, result.Datasets.Single().Info.Normalisation);
    }
}
