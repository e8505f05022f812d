using FaceNet2ExpNet.Data.Imaging;

namespace FaceNet2ExpNet.Data.Importers;

/// <summary>Label files (CSV) given as sources: must exist and be text; an archive in their place says to unpack it.</summary>
public static class TextFiles
{
    /// <summary><paramref name="path"/> if it is a text file; otherwise an error naming it and what it is instead.</summary>
    public static string Require(string path, string what)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file or folder (expected {what}).", path);
        var signature = FileSignature.Of(path);
        if (signature.Kind == FileKind.Archive)
            throw new InvalidDataException($"{path}: is {signature.WithArticle}, not {what}: unpack it and point at {what} or the folder holding it.");
        if (signature.Name != "text file" && signature.Name != "empty file")
            throw new InvalidDataException($"{path}: is {signature.WithArticle}, not {what} (a text file).");
        return path;
    }
}
