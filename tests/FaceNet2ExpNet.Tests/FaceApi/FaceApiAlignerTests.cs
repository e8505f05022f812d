using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Data.Alignment;
using FaceNet2ExpNet.Networks.FaceApi;

namespace FaceNet2ExpNet.Tests.FaceApi;

public class FaceApiAlignerTests(FaceApiNets nets) : IClassFixture<FaceApiNets>
{
    [Fact]
    public void Eye_alignment_maps_the_target_eye_positions_onto_the_eyes()
    {
        // Eyes 50 px apart on a 36.87° slope; in a 100 px crop they must sit 30 px apart at height 36.
        var map = new EyeAlignment(0.30, 0.36).For(new FacePoint(100, 100), new FacePoint(140, 130), 100);
        Assert.Equal(0.6, map.Scale, 12);
        var left = map.Apply(35, 36);
        var right = map.Apply(65, 36);
        Assert.Equal(100, left.X, 9); Assert.Equal(100, left.Y, 9);
        Assert.Equal(140, right.X, 9); Assert.Equal(130, right.Y, 9);
        // Straight down in the crop is perpendicular to the eye line in the frame: (−sin, cos)·(10 / 0.6).
        var below = map.Apply(50, 46);
        var mid = map.Apply(50, 36);
        Assert.Equal(-0.6 * 10 / 0.6, below.X - mid.X, 9);
        Assert.Equal(0.8 * 10 / 0.6, below.Y - mid.Y, 9);
    }

    [Fact]
    public void Warp_puts_two_marked_eyes_level_at_the_requested_distance()
    {
        var (w, h) = (200, 160);
        var px = new byte[w * h * 3];
        void Dot(int cx, int cy) { for (var y = cy - 2; y <= cy + 2; y++) for (var x = cx - 2; x <= cx + 2; x++) px[(y * w + x) * 3] = 255; }
        Dot(60, 90); Dot(120, 60);                      // tilted eyes, 67 px apart
        var geometry = new EyeAlignment(0.30, 0.36);
        var aligned = geometry.Warp(new ImageDecoder.Rgb(px, w, h), geometry.For(new(60.5, 90.5), new(120.5, 60.5), 100), 100);
        // Red mass centres in the output: (35, 36) and (65, 36), within half a pixel.
        (double X, double Y) Centre(int fromX, int toX)
        {
            double sx = 0, sy = 0, s = 0;
            for (var y = 0; y < 100; y++) for (var x = fromX; x < toX; x++)
            { var v = aligned.Pixels[(y * 100 + x) * 3]; sx += v * (x + 0.5); sy += v * (y + 0.5); s += v; }
            return (sx / s, sy / s);
        }
        var (l, r) = (Centre(0, 50), Centre(50, 100));
        Assert.InRange(l.X, 34.5, 35.5); Assert.InRange(l.Y, 35.5, 36.5);
        Assert.InRange(r.X, 64.5, 65.5); Assert.InRange(r.Y, 35.5, 36.5);
    }

    [Fact]
    public void Aligned_face_has_level_eyes_at_the_fixed_distance_when_measured_again()
    {
        using var aligner = new FaceApiAligner(nets.Pipeline);
        var frame = FaceApiReference.Load().Images[0].Decode();
        var aligned = aligner.Align(frame, 256, out var face);
        Assert.Equal((256, 256), (aligned.Width, aligned.Height));
        Assert.Equal(FaceApiReference.Load().Images[0].SsdFaces[0].Score, face.Detection.Score, 4);   // SSD, the default detector

        // Re-measured by the landmark net on the whole crop: neither detector reliably finds a face that fills the frame
        // (on this blurry 50-px face upscaled to 256, SSD scores 0.09, the tiny detector 0.13).
        var again = nets.Pipeline.LandmarkNet.Detect(TfImage.FromRgb(aligned));
        var (l, r) = (again.LeftEye, again.RightEye);
        var angle = Math.Atan2(r.Y - l.Y, r.X - l.X) * 180 / Math.PI;
        Console.WriteLine($"re-measured eyes {l} {r}: angle {angle:F2}°, distance {l.DistanceTo(r):F1} px (target 76.8), mid y {(l.Y + r.Y) / 2:F1} (target 92.2)");
        Assert.InRange(angle, -3, 3);
        Assert.InRange(l.DistanceTo(r), 76.8 * 0.9, 76.8 * 1.1);
        Assert.InRange((l.X + r.X) / 2, 128 - 6, 128 + 6);
        Assert.InRange((l.Y + r.Y) / 2, 92.2 - 6, 92.2 + 6);
        Assert.Contains("face-api 1.7.15", aligner.Name);
    }

    [Fact]
    public void A_frame_without_a_face_throws_FaceNotFoundException()
    {
        using var aligner = new FaceApiAligner(nets.Pipeline);
        var grey = new ImageDecoder.Rgb(Enumerable.Repeat((byte)128, 160 * 120 * 3).ToArray(), 160, 120);
        var e = Assert.Throws<FaceNotFoundException>(() => aligner.Align(grey, 64));
        Assert.Contains("no face", e.Message);
        Assert.Contains("160×120", e.Message);
    }
}
