using System.ComponentModel;
using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using FaceNet2ExpNet.Networks.FaceApi;

namespace FaceNet2ExpNet.DataPrep;

/// <summary>An install step that cannot succeed (no npm, package unreachable, checksum mismatch); the message says what to do.</summary>
public sealed class ModelInstallException(string message) : Exception(message);

/// <summary>
/// Installs face-api's model files: from a verified user-level cache when there is one, else <c>npm pack</c> of
/// @vladmandic/face-api@1.7.15 (or a given tarball), extracting <c>package/model/</c> and checking every file against
/// the committed lock (SHA-256 + size) before anything is put in place. Idempotent: a verified target is left alone.
/// </summary>
public static class FaceApiModelInstaller
{
    public sealed record Options(string Target, string Cache, string Npm = "npm", string? Tarball = null);

    /// <summary>What happened: "present", "cache" or "download".</summary>
    public static string Install(Options o, TextWriter log)
    {
        if (FaceApiModels.Verify(o.Target).Count == 0)
        {
            log.WriteLine($"[models] face-api {FaceApiModels.Version} models already installed and verified in {o.Target}");
            return "present";
        }
        var source = "cache";
        if (FaceApiModels.Verify(o.Cache).Count != 0)
        {
            source = "download";
            FillCache(o, log);
        }
        else log.WriteLine($"[models] using the verified cache {o.Cache}");
        CopyVerified(o.Cache, o.Target);
        log.WriteLine($"[models] {FaceApiModels.Lock.Count} face-api model files installed and verified in {o.Target}");
        return source;
    }

    /// <summary>The user-level cache: FN2EN_CACHE, else XDG_CACHE_HOME/fn2en, else ~/.cache/fn2en (LocalAppData on Windows).</summary>
    public static string DefaultCache()
    {
        var root = Environment.GetEnvironmentVariable("FN2EN_CACHE") is { Length: > 0 } c ? c
            : Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } x ? Path.Combine(x, "fn2en")
            : OperatingSystem.IsWindows() ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "fn2en")
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "fn2en");
        return Path.Combine(root, "face-api", FaceApiModels.Version);
    }

    private static void FillCache(Options o, TextWriter log)
    {
        var work = Path.Combine(Path.GetTempPath(), "fn2en-face-api-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            var tarball = o.Tarball ?? Pack(o.Npm, work, log);
            var staging = Path.Combine(work, "model");
            Extract(tarball, staging);
            var problems = FaceApiModels.Verify(staging);
            if (problems.Count > 0)
                throw new ModelInstallException($"{tarball}: the model files do not match {FaceApiModels.Package}@{FaceApiModels.Version}'s lock " +
                                                $"(face-api-models.lock.json): {string.Join("; ", problems)}. Nothing was installed.");
            ReplaceFolder(staging, o.Cache);
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Runs <c>npm pack</c> in <paramref name="dir"/> and returns the tarball's path.</summary>
    private static string Pack(string npm, string dir, TextWriter log)
    {
        var spec = $"{FaceApiModels.Package}@{FaceApiModels.Version}";
        log.WriteLine($"[models] downloading {spec} with npm pack (≈13 MB)…");
        var exe = OperatingSystem.IsWindows() && npm == "npm" ? "npm.cmd" : npm;
        var start = new ProcessStartInfo(exe) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "pack", spec, "--loglevel=error" }) start.ArgumentList.Add(a);
        Process process;
        try { process = Process.Start(start) ?? throw new Win32Exception(); }
        catch (Win32Exception)
        {
            throw new ModelInstallException($"'{npm}' was not found: npm (Node.js 18 or newer, https://nodejs.org) is needed to download the " +
                                            $"face-api models once. Install Node.js, or pass --tarball with a copy of {spec}'s .tgz.");
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 || Directory.GetFiles(dir, "*.tgz").Length != 1)
        {
            var detail = string.Join(" | ", stderr.Split('\n').Select(l => l.Replace("npm error", "").Trim())
                .Where(l => l.Length > 0 && !l.Contains("Unknown user config")
                            && !new[] { "at ", "syscall", "errno", "{", "}", "address", "port", "type" }.Any(l.StartsWith)).Take(2));
            throw new ModelInstallException($"npm pack {spec} failed (exit code {process.ExitCode}): the package could not be fetched from the npm " +
                                            $"registry ({detail}). Check the network or the registry setting (npm config get registry).");
        }
        _ = stdout.Result;
        return Directory.GetFiles(dir, "*.tgz")[0];
    }

    /// <summary>Extracts package/model/* of an npm tarball (gzip + tar) into <paramref name="dest"/>.</summary>
    public static void Extract(string tarball, string dest)
    {
        Directory.CreateDirectory(dest);
        try
        {
            using var gz = new GZipStream(File.OpenRead(tarball), CompressionMode.Decompress);
            using var tar = new TarReader(gz);
            while (tar.GetNextEntry() is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)) continue;
                if (!entry.Name.StartsWith("package/model/", StringComparison.Ordinal)) continue;
                var name = entry.Name["package/model/".Length..];
                if (name.Length == 0 || name.Contains('/') || name.Contains('\\') || name.Contains("..")) continue;
                entry.ExtractToFile(Path.Combine(dest, name), overwrite: true);
            }
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException)
        {
            throw new ModelInstallException($"{tarball}: not a readable npm package tarball ({e.Message}).");
        }
    }

    private static void CopyVerified(string from, string target)
    {
        var staging = target + ".partial";
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(staging);
        foreach (var file in FaceApiModels.Lock.Keys) File.Copy(Path.Combine(from, file), Path.Combine(staging, file));
        var problems = FaceApiModels.Verify(staging);
        if (problems.Count > 0) throw new ModelInstallException($"{staging}: copy did not verify: {string.Join("; ", problems)}.");
        ReplaceFolder(staging, target);
    }

    /// <summary>Moves <paramref name="source"/> to <paramref name="target"/>, replacing whatever was there.</summary>
    private static void ReplaceFolder(string source, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
        if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
        try { Directory.Move(source, target); }
        catch (IOException)   // across file systems (temp → home): copy instead
        {
            Directory.CreateDirectory(target);
            foreach (var f in Directory.GetFiles(source)) File.Copy(f, Path.Combine(target, Path.GetFileName(f)));
        }
    }
}
