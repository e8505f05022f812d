using System.CommandLine;
using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.DataPrep;
using FaceNet2ExpNet.Tests.Fixtures;

namespace FaceNet2ExpNet.Tests.Data;

/// <summary>`data-prep align --aligner` takes the same names as the importers (centre-crop:F, none), with one error line for a bad one.</summary>
[Collection("Console")]
public class AlignAlignerOptionTests
{
    private static (int Code, string Err) Align(params string[] args)
    {
        var (code, _, err) = DataPrepCli.Run(AlignCommand.Create(), args);
        return (code, err);
    }

    [Fact]
    public void Centre_crop_with_a_fraction_crops_the_central_part_and_records_it()
    {
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp["in"]);
        // 80×80: a 40×40 white square in the middle of black; the central 0.5 is all white.
        var pixels = new byte[80 * 80 * 3];
        for (var y = 20; y < 60; y++) for (var x = 20; x < 60; x++) for (var c = 0; c < 3; c++) pixels[(y * 80 + x) * 3 + c] = 255;
        File.WriteAllBytes(tmp["in/a.png"], ImageEncoder.Png(pixels, 80, 80));

        var (code, err) = Align(tmp["in"], tmp["out"], "--aligner", "centre-crop:0.5", "--size", "32");

        Assert.True(code == 0, err);
        var face = ImageDecoder.Decode(tmp["out/a.png"]);
        Assert.Equal((32, 32), (face.Width, face.Height));
        Assert.True(face.Pixels.All(p => p > 240), "the central half of the image is white");
        Assert.StartsWith("centre-crop 0.5 of the shorter side", File.ReadAllText(tmp["out/alignment.txt"]));
    }

    [Theory]
    [InlineData("centre-crop:7", "the fraction must be between 0.1 and 1")]
    [InlineData("viola-jones", "unknown aligner; known: face-api[:ssd|:tiny], centre-crop[:F], none")]
    public void A_bad_aligner_is_one_line_and_exit_2(string aligner, string message)
    {
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp["in"]);
        File.WriteAllBytes(tmp["in/a.png"], ImageEncoder.Png(new byte[8 * 8 * 3], 8, 8));

        var (code, err) = Align(tmp["in"], tmp["out"], "--aligner", aligner);

        Assert.Equal(2, code);
        Assert.Contains(message, err);
        Assert.Single(err.Trim().Split('\n'));
        Assert.False(Directory.Exists(tmp["out"]) && Directory.EnumerateFiles(tmp["out"]).Any());
    }
}
