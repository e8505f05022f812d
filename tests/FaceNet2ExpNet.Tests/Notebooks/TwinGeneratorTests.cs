using FaceNet2ExpNet.NotebookTool;

namespace FaceNet2ExpNet.Tests.Notebooks;

/// <summary>How a .dib becomes its kernel-free twin: kernel-only lines out, usings on top, what a cell displays into the report.</summary>
public sealed class TwinGeneratorTests
{
    private const string Meta = "#!meta\n\n{\"kernelInfo\":{\"defaultKernelName\":\"csharp\",\"items\":[{\"aliases\":[],\"name\":\"csharp\"}]}}\n\n";

    private static string Twin(params string[] cells) => TwinGenerator.Generate(Meta + string.Join("\n\n", cells), "99-test", "../lib/FaceNet2ExpNet/FaceNet2ExpNet.csproj");

    [Fact]
    public void The_twin_references_the_core_library_as_a_file_based_app_with_reflection_based_json()
    {
        var twin = Twin("#!csharp\n\n1 + 1");
        Assert.Contains("#:project ../lib/FaceNet2ExpNet/FaceNet2ExpNet.csproj\n", twin);
        Assert.Contains("#:property PublishAot=false\n", twin);
        Assert.Contains("#:property JsonSerializerIsReflectionEnabledByDefault=true\n", twin);
        Assert.DoesNotContain("Microsoft.DotNet.Interactive", twin);
        Assert.DoesNotContain("FaceNet2ExpNet.Notebooks", twin);
        Assert.Contains("using var report = FaceNet2ExpNet.Reporting.Report.Start(\"99-test\");", twin);
    }

    [Fact]
    public void Kernel_only_lines_become_comments_and_usings_move_to_the_top_once()
    {
        var twin = Twin("#!csharp\n\n#!import ../lib/FaceNet2ExpNet.Notebooks/kernel.dib", "#!csharp\n\n#r \"nuget: X, 1.0\"\nusing System.Text;\nvar a = 1;",
            "#!csharp\n\nusing System.Text;\nusing static System.Math;\nvar b = Abs(-a);");
        Assert.Contains("// #!import ../lib/FaceNet2ExpNet.Notebooks/kernel.dib   (kernel only)\n", twin);
        Assert.Contains("// #r \"nuget: X, 1.0\"   (kernel only)\n", twin);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(twin, "^using System.Text;$", System.Text.RegularExpressions.RegexOptions.Multiline));
        Assert.True(twin.IndexOf("using static System.Math;", StringComparison.Ordinal) < twin.IndexOf("using var report", StringComparison.Ordinal));
        Assert.Contains("report.Cell(2);\nvar a = 1;\n", twin);
        Assert.Contains("report.Cell(3);\nvar b = Abs(-a);\n", twin);
    }

    [Fact]
    public void A_cells_trailing_expression_is_displayed_and_statements_are_left_alone()
    {
        var twin = Twin("#!csharp\n\nvar x = 2;\nTable.Of(new[] { new { X = x } }\n    .Where(r => r.X > 0))", "#!csharp\n\ndisplay(x);\nConsole.WriteLine(x);");
        Assert.Contains("display(Table.Of(new[] { new { X = x } }\n    .Where(r => r.X > 0)));", twin);
        Assert.Contains("report.Cell(2);\ndisplay(x);\nConsole.WriteLine(x);\n", twin);
        Assert.Contains("void display(object? value) => report.Show(value);", twin);
    }

    [Fact]
    public void Markdown_cells_go_into_the_report_verbatim()
    {
        var twin = Twin("#!markdown\n\n# Title \"\"\"quoted\"\"\"\n\n$$\\|g(I) - G(I)\\|$$");
        Assert.Contains("report.Markdown(\"\"\"\"\n# Title \"\"\"quoted\"\"\"\n\n$$\\|g(I) - G(I)\\|$$\n\"\"\"\");", twin);
    }

    [Fact]
    public void A_cell_that_does_not_parse_or_declares_a_type_is_refused_with_its_number()
    {
        var broken = Assert.Throws<InvalidDataException>(() => Twin("#!markdown\n\nx", "#!csharp\n\nvar = ;"));
        Assert.StartsWith("99-test.dib: cell 2: ", broken.Message);
        var type = Assert.Throws<InvalidDataException>(() => Twin("#!csharp\n\nrecord R(int A);"));
        Assert.Contains("cell 1: declares a type (record R(int A);)", type.Message);
    }
}
