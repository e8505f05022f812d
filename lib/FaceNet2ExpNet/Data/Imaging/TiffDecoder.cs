using BitMiracle.LibTiff.Classic;

namespace FaceNet2ExpNet.Data.Imaging;

/// <summary>
/// TIFF (JAFFE's format) through LibTiff.NET, the managed port of libtiff: every photometric libtiff's RGBA interface
/// reads (grey, palette, RGB, CMYK, YCbCr; 1–16 bits; uncompressed, LZW, PackBits, Deflate, JPEG), first page only.
/// Returns the pixels in stored order and the orientation tag.
/// </summary>
internal static class TiffDecoder
{
    static TiffDecoder() => Tiff.SetErrorHandler(new CollectingHandler());

    public static (ImageDecoder.Rgb Stored, int Orientation) Decode(byte[] bytes)
    {
        CollectingHandler.Messages = [];
        using var stream = new MemoryStream(bytes, writable: false);
        using var tiff = Tiff.ClientOpen("image", "r", stream, new TiffStream()) ?? throw Failure("TIFF header could not be read");
        var w = tiff.GetField(TiffTag.IMAGEWIDTH)?[0].ToInt() ?? throw Failure("TIFF without an image width");
        var h = tiff.GetField(TiffTag.IMAGELENGTH)?[0].ToInt() ?? throw Failure("TIFF without an image height");
        ImageLimits.Check(w, h);
        var orientation = tiff.GetField(TiffTag.ORIENTATION)?[0].ToInt() ?? 1;
        if (orientation is < 1 or > 8) orientation = 1;
        var raster = new int[w * h];
        // Asking for the file's own orientation makes libtiff copy the rows as stored (it would only flip, never
        // transpose, for tags 5–8); Orientation.Apply then turns every tag upright the same way.
        if (!tiff.ReadRGBAImageOriented(w, h, raster, (BitMiracle.LibTiff.Classic.Orientation)orientation, stopOnError: true))
            throw Failure("TIFF image data could not be read");
        var rgb = new byte[w * h * 3];
        for (var p = 0; p < raster.Length; p++)
        {
            // libtiff's RGBA interface premultiplies colours by alpha; undone, so a TIFF with alpha gives the colours a PNG
            // with the same alpha gives (Skia decodes unpremultiplied; alpha is then dropped for both).
            var a = Tiff.GetA(raster[p]);
            int Straight(int c) => a is 0 or 255 ? c : Math.Min(255, (c * 255 + a / 2) / a);
            rgb[3 * p] = (byte)Straight(Tiff.GetR(raster[p]));
            rgb[3 * p + 1] = (byte)Straight(Tiff.GetG(raster[p]));
            rgb[3 * p + 2] = (byte)Straight(Tiff.GetB(raster[p]));
        }
        return (new ImageDecoder.Rgb(rgb, w, h), orientation);
    }

    private static InvalidDataException Failure(string what)
    {
        var detail = CollectingHandler.Messages.Count > 0 ? $": {string.Join("; ", CollectingHandler.Messages.Take(2))}" : "";
        return new InvalidDataException(SafeText.Escape(what + detail, 200));
    }

    /// <summary>libtiff reports problems through a global handler that would print to the console; keep them per thread for the error instead.</summary>
    private sealed class CollectingHandler : TiffErrorHandler
    {
        [ThreadStatic] private static List<string>? messages;
        public static List<string> Messages { get => messages ??= []; set => messages = value; }

        public override void ErrorHandler(Tiff tif, string method, string format, params object[] args) => Messages.Add(string.Format(format, args));
        public override void ErrorHandlerExt(Tiff tif, object clientData, string method, string format, params object[] args) { }
        public override void WarningHandler(Tiff tif, string method, string format, params object[] args) { }
        public override void WarningHandlerExt(Tiff tif, object clientData, string method, string format, params object[] args) { }
    }
}
