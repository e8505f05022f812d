using System.CommandLine;
using FaceNet2ExpNet.Networks.FaceApi;

namespace FaceNet2ExpNet.DataPrep;

/// <summary>
/// `data-prep models install`: puts face-api's pretrained models (face recognition ResNet, tiny face detector, 68-point
/// landmarks; MIT) in models/face-api/1.7.15/, verified against the committed lock. See docs/face-api.md.
/// </summary>
public static class ModelsCommand
{
    public static Command Create()
    {
        var models = new Option<DirectoryInfo>("--models") { Description = "Models folder (the files go to <models>/face-api/1.7.15)", DefaultValueFactory = _ => new DirectoryInfo("models") };
        var cache = new Option<DirectoryInfo?>("--cache") { Description = "User-level cache (default: $FN2EN_CACHE, $XDG_CACHE_HOME/fn2en or ~/.cache/fn2en)" };
        var npm = new Option<string>("--npm") { Description = "npm executable used to download the package", DefaultValueFactory = _ => "npm" };
        var tarball = new Option<FileInfo?>("--tarball") { Description = $"Install from a local copy of {FaceApiModels.Package}-{FaceApiModels.Version}.tgz instead of downloading" };
        var install = new Command("install", $"Download {FaceApiModels.Package}@{FaceApiModels.Version} with npm (once; cached), verify and install its models.")
            { models, cache, npm, tarball };
        install.SetAction(parse =>
        {
            var options = new FaceApiModelInstaller.Options(
                Path.Combine(parse.GetValue(models)!.FullName, "face-api", FaceApiModels.Version),
                parse.GetValue(cache)?.FullName is { } c ? Path.Combine(c, "face-api", FaceApiModels.Version) : FaceApiModelInstaller.DefaultCache(),
                parse.GetValue(npm)!, parse.GetValue(tarball)?.FullName);
            FaceApiModelInstaller.Install(options, Console.Out);
            return 0;
        });
        return new Command("models", "Pretrained face models (face-api; see docs/face-api.md).") { install };
    }
}
