using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Tests.Fixtures;
using StbImageWriteSharp;

namespace FaceNet2ExpNet.Tests.Data;

/// <summary>
/// A truncated JPEG is an error naming the file: StbImageSharp alone never returns on some JPEGs cut in their header
/// (bytes 6–12 here) and silently decodes one cut in its image data.
/// </summary>
public class TruncatedJpegTests
{
    private static byte[] Jpeg()
    {
        var rgb = Enumerable.Range(0, 64 * 48 * 3).Select(i => (byte)(i * 7 % 251)).ToArray();
        using var stream = new MemoryStream();
        new ImageWriter().WriteJpg(rgb, 64, 48, ColorComponents.RedGreenBlue, stream, 90);
        return stream.ToArray();
    }

    [Fact]
    public void CompleteJpeg_Decodes()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir["a.jpg"], Jpeg());
        var image = ImageDecoder.Decode(dir["a.jpg"]);
        Assert.Equal((64, 48), (image.Width, image.Height));
    }

    [Theory]
    [InlineData(6)]
    [InlineData(12)]
    [InlineData(400)]
    [InlineData(-10)]
    public async Task TruncatedJpeg_IsAnErrorNamingTheFile(int cut)
    {
        using var dir = new TempDir();
        var bytes = Jpeg();
        var path = dir["cut.jpeg"];
        File.WriteAllBytes(path, bytes[..(cut > 0 ? cut : bytes.Length + cut)]);
        var decode = Task.Run(() => Assert.Throws<InvalidDataException>(() => ImageDecoder.Decode(path)));
        Assert.Same(decode, await Task.WhenAny(decode, Task.Delay(TimeSpan.FromSeconds(20))));   // it returns, and
        var error = await decode;                                                                  // with an error
        Assert.Contains(path, error.Message);
        Assert.Contains("truncated JPEG", error.Message);
    }
}
