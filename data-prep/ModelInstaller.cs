using System.ComponentModel;
using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using FaceNet2ExpNet.Networks;

namespace FaceNet2ExpNet.DataPrep;

/// <summary>An install step that cannot succeed (no npm, package unreachable, checksum mismatch); the message says what to do.</summary>
public sealed class ModelInstallException(string message) : Exception(message);

/// <summary>
/// Installs the model files of one npm package (<see cref="ModelPackage"/>: face-api's models, Human's faceres): from a
/// verified user-level cache when there is one, else <c>npm pack</c> of the package (or a given tarball), extracting the
/// locked files of its model folder and checking every one against the committed lock (SHA-256 + size) before anything
/// is put in place. Idempotent: a verified target is left alone.
/// </summary>
public static class ModelInstaller
{
    /// <param name="Target">The install folder (models/&lt;name&gt;/&lt;version&gt;).</param>
    /// <param name="Cache">This package's folder in the user cache (<see cref="DefaultCache"/>).</param>
    public sealed record Options(ModelPackage Package, string Target, string Cache, string Npm = "npm", string? Tarball = null);

    /// <summary>What happened: "present", "cache" or "download".</summary>
    public static string Install(Options o, TextWriter log)
    {
        var p = o.Package;
        if (p.Verify(o.Target).Count == 0)
        {
            log.WriteLine($"[models] {p.Name} {p.Version} models already installed and verified in {o.Target}");
            return "present";
        }
        var source = "cache";
        if (p.Verify(o.Cache).Count != 0)
        {
            source = "download";
            FillCache(o, log);
        }
        else log.WriteLine($"[models] using the verified cache {o.Cache}");
        CopyVerified(p, o.Cache, o.Target);
        log.WriteLine($"[models] {p.Lock.Count} {p.Name} model files installed and verified in {o.Target}");
        return source;
    }

    /// <summary>
    /// The package's folder in the user-level cache: &lt;root&gt;/&lt;name&gt;/&lt;version&gt; under FN2EN_CACHE, else
    /// XDG_CACHE_HOME/fn2en, else ~/.cache/fn2en (LocalAppData\fn2en on Windows).
    /// </summary>
    public static string DefaultCache(ModelPackage package) => Path.Combine(CacheRoot(), package.Name, package.Version);

    /// <summary>The user-level cache root (see <see cref="DefaultCache"/>).</summary>
    public static string CacheRoot()
    {
        var root = Environment.GetEnvironmentVariable("FN2EN_CACHE") is { Length: > 0 } c ? c
            : Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } x ? Path.Combine(x, "fn2en")
            : OperatingSystem.IsWindows() ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "fn2en")
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "fn2en");
        return root;
    }

    private static void FillCache(Options o, TextWriter log)
    {
        var p = o.Package;
        var work = Path.Combine(Path.GetTempPath(), $"fn2en-{p.Name}-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            var tarball = o.Tarball ?? Pack(p, o.Npm, work, log);
            var staging = Path.Combine(work, "model");
            Extract(p, tarball, staging);
            var problems = p.Verify(staging);
            if (problems.Count > 0)
                throw new ModelInstallException($"{tarball}: the model files do not match {p.Spec}'s lock " +
                                                $"({p.Name}-models.lock.json): {string.Join("; ", problems)}. Nothing was installed.");
            ReplaceFolder(staging, o.Cache);
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Runs <c>npm pack</c> in <paramref name="dir"/> and returns the tarball's path.</summary>
    private static string Pack(ModelPackage package, string npm, string dir, TextWriter log)
    {
        var spec = package.Spec;
        log.WriteLine($"[models] downloading {spec} with npm pack{(package.TarballSize is { } size ? $" (≈{size / 1_000_000.0:F0} MB)" : "")}…");
        var exe = OperatingSystem.IsWindows() && npm == "npm" ? "npm.cmd" : npm;
        var start = new ProcessStartInfo(exe) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "pack", spec, "--loglevel=error" }) start.ArgumentList.Add(a);
        Process process;
        try { process = Process.Start(start) ?? throw new Win32Exception(); }
        catch (Win32Exception)
        {
            throw new ModelInstallException($"'{npm}' was not found: npm (Node.js 18 or newer, https://nodejs.org) is needed to download the " +
                                            $"{package.Name} models once. Install Node.js, or pass --tarball with a copy of {spec}'s .tgz.");
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

    /// <summary>Extracts the locked files of the package's model folder (e.g. package/model/*) of an npm tarball (gzip + tar) into <paramref name="dest"/>.</summary>
    public static void Extract(ModelPackage package, string tarball, string dest)
    {
        Directory.CreateDirectory(dest);
        try
        {
            using var gz = new GZipStream(File.OpenRead(tarball), CompressionMode.Decompress);
            using var tar = new TarReader(gz);
            while (tar.GetNextEntry() is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)) continue;
                if (!entry.Name.StartsWith(package.TarballFolder, StringComparison.Ordinal)) continue;
                var name = entry.Name[package.TarballFolder.Length..];
                if (!package.Lock.ContainsKey(name)) continue;   // only the locked files (Human's package holds 11 other models)
                entry.ExtractToFile(Path.Combine(dest, name), overwrite: true);
            }
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException)
        {
            throw new ModelInstallException($"{tarball}: not a readable npm package tarball ({e.Message}).");
        }
    }

    private static void CopyVerified(ModelPackage package, string from, string target)
    {
        var staging = target + ".partial";
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(staging);
        foreach (var file in package.Lock.Keys) File.Copy(Path.Combine(from, file), Path.Combine(staging, file));
        var problems = package.Verify(staging);
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
