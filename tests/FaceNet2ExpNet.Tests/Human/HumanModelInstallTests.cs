using System.CommandLine;
using System.Formats.Tar;
using System.IO.Compression;
using FaceNet2ExpNet.DataPrep;
using FaceNet2ExpNet.Networks.Human;
using FaceNet2ExpNet.Tests.Fixtures;

namespace FaceNet2ExpNet.Tests.Human;

/// <summary>`data-prep models install` for Human's faceres: only the locked files of package/models/, verified; CLI choices.</summary>
[Collection("Console")]
public class HumanModelInstallTests
{
    /// <summary>A Human-like npm tarball: the installed faceres files (one optionally altered) among other models and sources.</summary>
    private static string Tarball(string dir, string? corrupt = null)
    {
        var path = Path.Combine(dir, "human.tgz");
        using var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest);
        using var tar = new TarWriter(gz, TarEntryFormat.Pax);
        var models = HumanModels.Spec.Resolve();
        void Add(string name, byte[] bytes) => tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(bytes) });
        foreach (var file in HumanModels.Spec.Lock.Keys)
        {
            var bytes = File.ReadAllBytes(Path.Combine(models, file));
            if (file == corrupt) bytes[bytes.Length / 3] ^= 0x01;
            Add("package/models/" + file, bytes);
        }
        Add("package/models/blazeface.json", "{}"u8.ToArray());
        Add("package/src/face/faceres.ts", "// source"u8.ToArray());
        return path;
    }

    [Fact]
    public void Installs_only_the_locked_faceres_files_then_restores_from_the_cache()
    {
        using var tmp = new TempDir();
        var options = new ModelInstaller.Options(HumanModels.Spec, tmp["models/human/3.3.6"], tmp["cache"], Npm: tmp["no-npm-here"], Tarball: Tarball(tmp.Path));
        var log = new StringWriter();
        Assert.Equal("download", ModelInstaller.Install(options, log));
        Assert.Equal(["faceres.bin", "faceres.json"], Directory.GetFiles(options.Target).Select(Path.GetFileName).Order());
        Assert.Equal(options.Target, HumanModels.Spec.Resolve(tmp["models"]));
        Assert.Equal(Path.Combine(options.Target, "faceres.json"), HumanModels.FaceResModel(tmp.Path));
        Directory.Delete(options.Target, recursive: true);
        Assert.Equal("cache", ModelInstaller.Install(options with { Tarball = null }, log));
        Assert.Empty(HumanModels.Spec.Verify(options.Target));
        Assert.Contains("2 human model files installed and verified", log.ToString());
    }

    [Fact]
    public void An_altered_faceres_bin_is_named_and_nothing_is_installed()
    {
        using var tmp = new TempDir();
        var options = new ModelInstaller.Options(HumanModels.Spec, tmp["models"], tmp["cache"], Tarball: Tarball(tmp.Path, corrupt: "faceres.bin"));
        var e = Assert.Throws<ModelInstallException>(() => ModelInstaller.Install(options, TextWriter.Null));
        Assert.Contains("faceres.bin: SHA-256", e.Message);
        Assert.Contains("human-models.lock.json", e.Message);
        Assert.False(Directory.Exists(options.Target));
        Assert.False(Directory.Exists(options.Cache));
    }

    [Fact]
    public void The_lock_pins_faceres_of_human_3_3_6()
    {
        Assert.Equal(("@vladmandic/human@3.3.6", "package/models/"), (HumanModels.Spec.Spec, HumanModels.Spec.TarballFolder));
        Assert.Equal(["faceres.bin", "faceres.json"], HumanModels.Spec.Lock.Keys.Order());
        Assert.Equal(6978814, HumanModels.Spec.Lock["faceres.bin"].Size);
        Assert.Equal(28615417, HumanModels.Spec.TarballSize);
    }

    [Theory]
    [InlineData("--package", "dlib", "unknown package; choose one of face-api, human")]
    [InlineData("--tarball", "some.tgz", "say which package it is with --package (face-api, human)")]
    public void Bad_choices_are_one_line_errors(string option, string value, string message)
    {
        using var tmp = new TempDir();
        var root = new RootCommand("test") { ModelsCommand.Create() };
        var oldErr = Console.Error;
        using var stderr = new StringWriter();
        Console.SetError(stderr);
        int code;
        try { code = Cli.Run(root, ["models", "install", "--models", tmp["models"], option, value]); }
        finally { Console.SetError(oldErr); }
        Assert.Equal(2, code);
        Assert.Contains(message, stderr.ToString());
        Assert.Single(stderr.ToString().Trim().Split('\n'));
        Assert.False(Directory.Exists(tmp["models"]));
    }
}
