using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Networks.FaceApi;
using static TorchSharp.torch;

namespace FaceNet2ExpNet.Tests.FaceApi;

/// <summary>
/// The SSD MobileNet v1 port against face-api 1.7.15 itself (fixtures/reference.json: detectAllFaces with
/// SsdMobilenetv1Options({ minConfidence: 0.5 }) under Node, tfjs cpu backend), and its parts against hand-computed values.
/// </summary>
public class SsdMobileNetV1Tests(FaceApiNets nets) : IClassFixture<FaceApiNets>
{
    [Fact]
    public void Detections_on_face_apis_demo_photos_match_face_api()
    {
        var reference = FaceApiReference.Load();
        var options = new SsdMobileNetV1Options(reference.SsdDetector.MinConfidence, reference.SsdDetector.MaxResults);
        foreach (var image in reference.Images)
        {
            var ours = nets.Pipeline.SsdDetector.Locate(TfImage.FromRgb(image.Decode()), options);
            Assert.Equal(image.SsdFaces.Length, ours.Count);
            var (worstIoU, worstScore, worstCorner) = (1.0, 0.0, 0.0);
            for (var i = 0; i < ours.Count; i++)
            {
                // Same order (best first): each face is compared with face-api's face of the same rank.
                var theirs = image.SsdFaces[i];
                var box = new FaceBox(theirs.Box.X, theirs.Box.Y, theirs.Box.Width, theirs.Box.Height);
                var (iou, scoreDiff) = (ours[i].Box.IoU(box), Math.Abs(ours[i].Score - theirs.Score));
                var corner = new[] { ours[i].Box.X - box.X, ours[i].Box.Y - box.Y, ours[i].Box.Right - box.Right, ours[i].Box.Bottom - box.Bottom }.Max(Math.Abs);
                // The acceptance numbers …
                Assert.True(iou >= 0.9, $"{image.Name} face {i}: box {ours[i].Box} has IoU {iou:F4} with face-api's {box}");
                Assert.True(scoreDiff <= 0.02, $"{image.Name} face {i}: score {ours[i].Score:F5} vs face-api's {theirs.Score:F5}");
                // … and the agreement measured (docs/face-api.md): float32 rounding only.
                Assert.True(corner <= 0.01, $"{image.Name} face {i}: a box edge is {corner:E2} px from face-api's");
                Assert.True(scoreDiff <= 1e-4, $"{image.Name} face {i}: score differs by {scoreDiff:E2}");
                (worstIoU, worstScore, worstCorner) = (Math.Min(worstIoU, iou), Math.Max(worstScore, scoreDiff), Math.Max(worstCorner, corner));
            }
            Console.WriteLine($"{image.Name}: {ours.Count} faces as face-api; max IoU deficit {1 - worstIoU:E2}, max score diff {worstScore:E2}, " +
                              $"max edge diff {worstCorner:E2} px");
        }
    }

    [Fact]
    public void A_black_and_a_uniform_grey_image_show_no_face()
    {
        foreach (var value in new byte[] { 0, 128 })
        {
            var image = TfImage.FromRgb(new ImageDecoder.Rgb(Enumerable.Repeat(value, 320 * 240 * 3).ToArray(), 320, 240));
            Assert.Empty(nets.Pipeline.SsdDetector.Locate(image));
        }
    }

    [Fact]
    public void Finds_face_apis_faces_again_at_a_lower_threshold_and_caps_the_count_at_max_results()
    {
        var image = FaceApiReference.Load().Images[1];   // sample5: five faces
        var pixels = TfImage.FromRgb(image.Decode());
        var low = nets.Pipeline.SsdDetector.Locate(pixels, new SsdMobileNetV1Options(0.1));
        Assert.True(low.Count >= image.SsdFaces.Length, $"{low.Count} detections above 0.1");
        Assert.Equal(image.SsdFaces.Select(f => f.Score), low.Take(image.SsdFaces.Length).Select(f => f.Score), (a, b) => Math.Abs(a - b) < 1e-4);
        Assert.Equal(2, nets.Pipeline.SsdDetector.Locate(pixels, new SsdMobileNetV1Options(MaxResults: 2)).Count);
    }

    [Fact]
    public void Loads_the_quantised_manifest_with_face_apis_constants()
    {
        var w = TfjsWeights.Load(FaceApiModels.Manifest(null, FaceApiModels.SsdDetector));
        Assert.Equal(1 / 127.5, w.Get("Preprocessor/mul/x").item<float>(), 7);         // the (x/127.5) − 1 normalisation
        Assert.Equal(512f, w.Get("Preprocessor/ResizeImage/size", 2)[0].item<float>());
        Assert.Equal((float)SsdPredictionLayer.Anchors, w.Get("Postprocessor/stack/1").item<float>());
        using var anchors = w.Get("Output/extra_dim", 1, SsdPredictionLayer.Anchors, 4);
        Assert.InRange(anchors.min().item<float>(), -0.5f, 0.5f);
        Assert.InRange(anchors.max().item<float>(), 0.5f, 1.5f);
    }

    [Fact]
    public void Decodes_an_encoding_against_its_anchor_as_the_box_coder()
    {
        // Anchor [0.2, 0.3, 0.6, 0.5]: centre (0.4, 0.4), size 0.4 × 0.2. Encoding [1, −2, 5·ln 2, 0]: centre moved by
        // 1/10 · 0.4 and −2/10 · 0.2, height doubled, width kept → [0.04, 0.26, 0.84, 0.46].
        using var anchors = tensor(new float[] { 0.2f, 0.3f, 0.6f, 0.5f }, [1, 4]);
        using var encodings = tensor(new float[] { 1f, -2f, 5f * MathF.Log(2f), 0f }, [1, 1, 4]);
        using var boxes = SsdOutputLayer.DecodeBoxes(anchors, encodings);
        var expected = new[] { 0.04f, 0.26f, 0.84f, 0.46f };
        Assert.Equal(expected, boxes.data<float>().ToArray(), (a, b) => Math.Abs(a - b) < 1e-6);
        using var logits = tensor(new float[] { 5f, 0f, 9f }, [1, 1, 3]);
        Assert.Equal(0.5f, SsdOutputLayer.Scores(logits).item<float>());   // sigmoid of the face logit (the second), not the others
    }

    [Fact]
    public void Non_maximum_suppression_keeps_the_best_of_overlapping_boxes_in_score_order()
    {
        float[][] boxes =
        [
            [0, 0, 1, 1],          // 0: score 0.8
            [0, 0, 1, 0.75f],      // 1: score 0.9; IoU 0.75 with box 0 → box 0 suppressed
            [2, 2, 3, 3],          // 2: score 0.7, disjoint → kept
            [0, 0, 1, 0.375f],     // 3: score 0.75; IoU exactly 0.5 with box 1 → kept (only above 0.5 suppresses)
            [5, 5, 6, 6],          // 4: score 0.4, below the threshold
        ];
        double[] scores = [0.8, 0.9, 0.7, 0.75, 0.4];
        Assert.Equal([1, 3, 2], SsdNonMaxSuppression.Select(boxes, scores, 100, 0.5, 0.5));
        Assert.Equal([1, 3], SsdNonMaxSuppression.Select(boxes, scores, 2, 0.5, 0.5));
        Assert.Equal([1, 2], SsdNonMaxSuppression.Select(boxes, scores, 100, 0.49, 0.5));
        Assert.Equal(0.5, SsdNonMaxSuppression.IoU(boxes[1], boxes[3]));
        Assert.Equal(0.0, SsdNonMaxSuppression.IoU(boxes[0], [1, 1, 1, 2]));   // no area
    }
}
