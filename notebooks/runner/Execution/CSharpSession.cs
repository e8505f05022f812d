using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace FaceNet2ExpNet.Notebooks.Execution;

/// <summary>What running one cell gave: its return value, or the exception it threw, or its compile errors.</summary>
public sealed record CellRun(bool HasReturnValue, object? ReturnValue, Exception? Exception, IReadOnlyList<string> CompileErrors);

/// <summary>
/// One notebook's C# session: a chain of Roslyn script submissions (one per cell), so variables, types and usings of
/// earlier cells are visible in later ones — the C# kernel's model. Same default imports as the kernel, and the
/// kernel helpers (display, HTML) imported with <c>using static Microsoft.DotNet.Interactive.Kernel;</c>.
/// </summary>
public sealed class CSharpSession
{
    private static readonly MethodInfo? HasReturnValueMethod =
        typeof(Script).GetMethod("HasReturnValue", BindingFlags.Instance | BindingFlags.NonPublic);

    private static readonly Lazy<MetadataReference[]> FrameworkReferences = new(() =>
    {
        var runtimeDir = Path.GetDirectoryName(typeof(object).Assembly.Location);
        var trusted = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "").Split(Path.PathSeparator);
        return trusted.Where(p => Path.GetDirectoryName(p) == runtimeDir && p.EndsWith(".dll"))
                      .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToArray();
    });

    private ScriptOptions options;
    private ScriptState<object>? state;

    /// <summary>A fresh session; <paramref name="folder"/> is the notebook's folder (for #load and relative paths).</summary>
    public CSharpSession(string folder)
    {
        options = ScriptOptions.Default
            .WithLanguageVersion(LanguageVersion.Latest)
            .WithOptimizationLevel(OptimizationLevel.Release)
            .WithEmitDebugInformation(true)   // line numbers in the stack traces of failing cells
            .WithFileEncoding(System.Text.Encoding.UTF8)
            .WithImports("System", "System.Text", "System.Collections", "System.Collections.Generic",
                         "System.Threading.Tasks", "System.Linq")
            // Only the .NET framework and the kernel helpers: packages become visible through #r, as in the kernel
            // (ScriptOptions.Default would reference every assembly of the runner, TorchSharp included).
            .WithReferences(FrameworkReferences.Value)
            .AddReferences(typeof(Microsoft.DotNet.Interactive.Kernel).Assembly)
            .WithMetadataResolver(new StrictResolver(ScriptMetadataResolver.Default.WithBaseDirectory(folder)))
            .WithSourceResolver(new SourceFileResolver(ImmutableArray<string>.Empty, folder));
    }

    /// <summary>Makes assemblies visible to this and later cells (from #r).</summary>
    public void AddReferences(IEnumerable<Assembly> assemblies) => options = options.AddReferences(assemblies);

    /// <summary>Makes DLL files visible to this and later cells (from #r "path.dll").</summary>
    public void AddReferences(IEnumerable<string> paths) =>
        options = options.AddReferences(paths.Select(p => MetadataReference.CreateFromFile(p)));

    /// <summary>Submits the kernel helpers' using (before the first cell).</summary>
    public Task StartAsync() => RunAsync("using static Microsoft.DotNet.Interactive.Kernel;", "kernel helpers");

    /// <summary>Compiles and runs one cell; <paramref name="label"/> (e.g. "cell 3") names it in stack traces.</summary>
    public async Task<CellRun> RunAsync(string code, string label)
    {
        var cellOptions = options.WithFilePath(label);
        try
        {
            var next = state is null
                ? await CSharpScript.Create(code, cellOptions).RunAsync(globals: null, catchException: _ => true)
                : await state.ContinueWithAsync(code, cellOptions, catchException: _ => true);
            state = next;   // as the kernel: a failed cell's completed declarations stay
            if (next.Exception is { } thrown) return new CellRun(false, null, Unwrap(thrown), []);
            var hasValue = HasReturnValueMethod?.Invoke(next.Script, null) as bool? ?? next.ReturnValue is not null;
            return new CellRun(hasValue, next.ReturnValue, null, []);
        }
        catch (CompilationErrorException e)
        {
            var errors = e.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)
                .OrderBy(d => d.Location.SourceSpan.Start).Select(Describe).Distinct().ToList();
            return new CellRun(false, null, null, errors);
        }
    }

    /// <summary>"(2,5): error CS0103: The name 'y' does not exist in the current context" — the kernel's format, cell-relative.</summary>
    private static string Describe(Diagnostic d)
    {
        var start = d.Location.GetLineSpan().StartLinePosition;
        var where = d.Location.IsInSource ? $"({start.Line + 1},{start.Character + 1}): " : "";
        return $"{where}error {d.Id}: {d.GetMessage(CultureInfo.InvariantCulture)}";
    }

    /// <summary>
    /// Resolves #load/#r paths like the default resolver but never adds a missing dependency on its own: a notebook
    /// that uses TorchSharp types through the library without #r "nuget: TorchSharp-cpu" fails here as in the kernel.
    /// </summary>
    private sealed class StrictResolver(MetadataReferenceResolver inner) : MetadataReferenceResolver
    {
        private MetadataReferenceResolver Inner => inner;

        public override bool ResolveMissingAssemblies => false;

        public override ImmutableArray<PortableExecutableReference> ResolveReference(
            string reference, string? baseFilePath, MetadataReferenceProperties properties) =>
            inner.ResolveReference(reference, baseFilePath, properties);

        public override bool Equals(object? other) => other is StrictResolver s && s.Inner.Equals(inner);

        public override int GetHashCode() => inner.GetHashCode();
    }

    private static Exception Unwrap(Exception e) => e switch
    {
        TargetInvocationException { InnerException: { } inner } => Unwrap(inner),
        AggregateException { InnerExceptions.Count: 1 } a => Unwrap(a.InnerExceptions[0]),
        _ => e,
    };
}
