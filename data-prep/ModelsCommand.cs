using System.CommandLine;
using FaceNet2ExpNet.Networks;
using FaceNet2ExpNet.Networks.FaceApi;
using FaceNet2ExpNet.Networks.Human;

namespace FaceNet2ExpNet.DataPrep;

/// <summary>
/// `data-prep models install`: puts the pretrained models in models/, each package verified against its committed lock:
/// face-api's (face recognition ResNet, SSD MobileNet v1 and tiny face detectors, 68-point landmarks; MIT) in models/face-api/1.7.15/ and
/// Human's faceres (MIT) in models/human/3.3.6/. See docs/face-api.md and docs/face-nets.md.
/// </summary>
public static class ModelsCommand
{
    /// <summary>The packages by the name <c>--package</c> takes, in install order.</summary>
    public static IReadOnlyDictionary<string, ModelPackage> Packages { get; } = new Dictionary<string, ModelPackage>
    {
        [FaceApiModels.Spec.Name] = FaceApiModels.Spec,
        [HumanModels.Spec.Name] = HumanModels.Spec,
    };

    public static Command Create()
    {
        var names = string.Join(", ", Packages.Keys);
        var models = new Option<DirectoryInfo>("--models") { Description = "Models folder (the files go to <models>/<package>/<version>)", DefaultValueFactory = _ => new DirectoryInfo("models") };
        var cache = new Option<DirectoryInfo?>("--cache") { Description = "User-level cache (default: $FN2EN_CACHE, $XDG_CACHE_HOME/fn2en or ~/.cache/fn2en)" };
        var npm = new Option<string>("--npm") { Description = "npm executable used to download the packages", DefaultValueFactory = _ => "npm" };
        var package = new Option<string?>("--package") { Description = $"Install only this package ({names}); default: all" };
        var tarball = new Option<FileInfo?>("--tarball") { Description = "Install from a local copy of the package's .tgz instead of downloading (needs --package)" };
        var install = new Command("install",
            $"Download {string.Join(" and ", Packages.Values.Select(p => p.Spec))} with npm (once; cached), verify and install their models.")
            { models, cache, npm, package, tarball };
        install.SetAction(parse =>
        {
            var only = parse.GetValue(package);
            if (only is not null && !Packages.ContainsKey(only))
                throw new ArgumentException($"--package {only}: unknown package; choose one of {names}.");
            var file = parse.GetValue(tarball)?.FullName;
            if (file is not null && only is null)
                throw new ArgumentException($"--tarball {file}: say which package it is with --package ({names}).");
            foreach (var p in Packages.Values.Where(p => only is null || p.Name == only))
            {
                var options = new ModelInstaller.Options(p,
                    Path.Combine(parse.GetValue(models)!.FullName, p.Name, p.Version),
                    parse.GetValue(cache)?.FullName is { } c ? Path.Combine(c, p.Name, p.Version) : ModelInstaller.DefaultCache(p),
                    parse.GetValue(npm)!, file);
                ModelInstaller.Install(options, Console.Out);
            }
            return 0;
        });
        return new Command("models", "Pretrained face models (face-api, Human's faceres; see docs/face-api.md, docs/face-nets.md).") { install };
    }
}
