using System.Diagnostics;
using FaceNet2ExpNet.Networks.FaceApi;

namespace FaceNet2ExpNet.Tests.FaceApi;

/// <summary>The whole face-api pipeline with the tiny face detector against face-api itself (fixtures/reference.json): same faces, same order.</summary>
public class FaceApiPipelineTests(FaceApiNets nets) : IClassFixture<FaceApiNets>
{
    [Fact]
    public void Detections_landmarks_and_descriptors_match_face_api()
    {
        var reference = FaceApiReference.Load();
        foreach (var image in reference.Images)
        {
            var sw = Stopwatch.StartNew();
            var faces = nets.Pipeline.DetectAllFaces(TfImage.FromRgb(image.Decode()),
                new TinyFaceDetectorOptions(reference.Detector.InputSize, reference.Detector.ScoreThreshold));
            Console.WriteLine($"{image.Name}: {faces.Count} faces in {sw.ElapsedMilliseconds} ms");
            Assert.Equal(image.Faces.Length, faces.Count);
            for (var i = 0; i < faces.Count; i++)
            {
                var (ours, theirs) = (faces[i], image.Faces[i]);
                var where = $"{image.Name} face {i}";
                Assert.True(Math.Abs(ours.Detection.Score - theirs.Score) < 1e-4, $"{where}: score {ours.Detection.Score} vs {theirs.Score}");
                var b = ours.Detection.Box;
                var boxErr = new[] { b.X - theirs.Box.X, b.Y - theirs.Box.Y, b.Width - theirs.Box.Width, b.Height - theirs.Box.Height }.Max(Math.Abs);
                Assert.True(boxErr <= 1, $"{where}: box {b} is {boxErr:F3} px from face-api's");
                var landmarkErr = ours.Landmarks.Points.Select((p, k) =>
                    Math.Max(Math.Abs(p.X - theirs.Landmarks[k][0]), Math.Abs(p.Y - theirs.Landmarks[k][1]))).Max();
                Assert.True(landmarkErr <= 1, $"{where}: a landmark is {landmarkErr:F3} px from face-api's");
                Assert.Equal(new FaceBox(theirs.CropRect.X, theirs.CropRect.Y, theirs.CropRect.Width, theirs.CropRect.Height), ours.CropRect);
                var cosine = FaceApiReference.Cosine(ours.Descriptor!, theirs.Descriptor);
                Assert.True(cosine >= 0.999, $"{where}: descriptor cosine {cosine}");
                Console.WriteLine($"{where}: score diff {Math.Abs(ours.Detection.Score - theirs.Score):E1}, box err {boxErr:E1} px, landmark err {landmarkErr:E1} px, cosine {cosine:F7}, max abs {ours.Descriptor!.Zip(theirs.Descriptor, (p, q) => Math.Abs(p - q)).Max():E1}");
            }
        }
    }

    [Fact]
    public void Landmarks_put_the_eyes_above_the_mouth_inside_the_box()
    {
        var image = FaceApiReference.Load().Images[0];
        var face = nets.Pipeline.DetectAllFaces(TfImage.FromRgb(image.Decode()))[0];
        var box = face.Detection.Box;
        foreach (var p in new[] { face.Landmarks.LeftEye, face.Landmarks.RightEye, face.Landmarks.Mouth })
            Assert.True(p.X > box.X && p.X < box.Right && p.Y > box.Y && p.Y < box.Bottom, $"{p} outside {box}");
        Assert.True(face.Landmarks.LeftEye.X < face.Landmarks.RightEye.X);
        Assert.True(face.Landmarks.Mouth.Y > face.Landmarks.LeftEye.Y + 5);
    }
}

/// <summary>face-api's nets, loaded once per test class from the installed models (each detector when first used).</summary>
public sealed class FaceApiNets : IDisposable
{
    public FaceApiPipeline Pipeline { get; } = FaceApiPipeline.Load();
    public void Dispose() => Pipeline.Dispose();
}
