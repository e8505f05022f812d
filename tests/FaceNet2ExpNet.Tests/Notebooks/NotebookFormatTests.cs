using System.Text.Json.Nodes;
using FaceNet2ExpNet.Notebooks.Format;
using static FaceNet2ExpNet.Tests.Notebooks.RunnerHarness;

namespace FaceNet2ExpNet.Tests.Notebooks;

/// <summary>The .ipynb file: Polyglot metadata, VS Code's JSON layout, preserved content, clear errors for bad files.</summary>
[Collection(NotebookRunnerCollection.Name)]
public class NotebookFormatTests
{
    [Fact]
    public void Builder_WritesPolyglotMetadata_InVsCodesLayout()
    {
        var json = new NotebookBuilder().Markdown("# Title").Code("var x = 1;\nx").ToJson();
        var expected = """
            {
             "cells": [
              {
               "cell_type": "markdown",
               "id": "ID0",
               "metadata": {},
               "source": [
                "# Title"
               ]
              },
              {
               "cell_type": "code",
               "execution_count": null,
               "id": "ID1",
               "metadata": {
                "dotnet_interactive": {
                 "language": "csharp"
                },
                "polyglot_notebook": {
                 "kernelName": "csharp"
                }
               },
               "outputs": [],
               "source": [
                "var x = 1;\n",
                "x"
               ]
              }
             ],
             "metadata": {
              "kernelspec": {
               "display_name": ".NET (C#)",
               "language": "C#",
               "name": ".net-csharp"
              },
              "language_info": {
               "name": "polyglot-notebook"
              },
              "polyglot_notebook": {
               "kernelInfo": {
                "defaultKernelName": "csharp",
                "items": [
                 {
                  "aliases": [],
                  "name": "csharp"
                 }
                ]
               }
              }
             },
             "nbformat": 4,
             "nbformat_minor": 5
            }

            """;
        var ids = JsonNode.Parse(json)!["cells"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()).ToList();
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{8}$", id));
        Assert.Equal(expected.Replace("ID0", ids[0]).Replace("ID1", ids[1]), json);
    }

    [Fact]
    public void JsonWriter_EscapesLikeJsonStringify()
    {
        var text = NotebookJsonWriter.Write(new JsonObject { ["s"] = "é \"q\" \\ </script> \u0001\t" });
        Assert.Equal("{\n \"s\": \"é \\\"q\\\" \\\\ </script> \\u0001\\t\"\n}\n", text);
    }

    [Fact]
    public void Running_PreservesMarkdownAndUnknownMetadata()
    {
        using var h = new RunnerHarness();
        var nb = new NotebookBuilder().Markdown("## Claim\n\nThe paper says **96.8%**.").Code("1").Build();
        nb.Root["metadata"]!["custom_tool"] = new JsonObject { ["keep"] = true };
        nb.Cells[1].Json["metadata"]!["tags"] = new JsonArray("parameters");
        var path = h.WriteText("keep.ipynb", nb.ToJson());

        Assert.Equal(0, Run(path).Exit);
        var after = Notebook.Load(path);
        Assert.Equal("## Claim\n\nThe paper says **96.8%**.", after.Cells[0].Source);
        Assert.True(JsonNode.DeepEquals(nb.Cells[0].Json, after.Cells[0].Json));
        Assert.True(after.Root["metadata"]!["custom_tool"]!["keep"]!.GetValue<bool>());
        Assert.Equal("parameters", after.Cells[1].Json["metadata"]!["tags"]![0]!.GetValue<string>());
    }

    [Fact]
    public void MalformedJson_NamesTheFileAndPosition_ExitTwo()
    {
        using var h = new RunnerHarness();
        var path = h.WriteText("broken.ipynb", "{\n \"cells\": [\n  {\"cell_type\": \"code\",, }\n ]\n}\n");
        var (exit, _, stderr) = Run(path);
        Assert.Equal(2, exit);
        Assert.Contains($"{path}: not valid JSON at line 3, column 24", stderr);
        Assert.Equal("{\n \"cells\": [\n  {\"cell_type\": \"code\",, }\n ]\n}\n", File.ReadAllText(path));
    }

    [Fact]
    public void NotebookOfAnotherKernel_IsRefusedByName()
    {
        using var h = new RunnerHarness();
        var path = h.WriteText("py.ipynb", """
            {"cells": [], "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
             "nbformat": 4, "nbformat_minor": 5}
            """);
        var (exit, _, stderr) = Run(path);
        Assert.Equal(2, exit);
        Assert.Contains("py.ipynb: kernel is 'python3' (Python 3); run-notebook executes .NET (C#) Polyglot notebooks", stderr);
    }

    [Fact]
    public void WrongShapes_AreNamed()
    {
        Assert.Contains("x.ipynb: nbformat is 3; expected 4",
            Assert.Throws<NotebookFormatException>(() => Notebook.Parse("""{"nbformat": 3, "cells": []}""", "x.ipynb")).Message);
        Assert.Contains("x.ipynb: cell 2 is not an object with a \"cell_type\"",
            Assert.Throws<NotebookFormatException>(() => Notebook.Parse(
                """{"nbformat": 4, "cells": [{"cell_type": "markdown", "source": ""}, {"source": ""}]}""", "x.ipynb")).Message);
        Assert.Contains("x.ipynb: not valid JSON at line 2, column 23: Duplicate property 'a'",
            Assert.Throws<NotebookFormatException>(() => Notebook.Parse(
                "{\"nbformat\": 4, \"cells\": [],\n \"metadata\": {\"a\": 1, \"a\": 2}}", "x.ipynb")).Message);
        var (exit, _, stderr) = Run("/no/such/notebook.ipynb");
        Assert.Equal(2, exit);
        Assert.Contains("/no/such/notebook.ipynb: file not found", stderr);
    }

    [Fact]
    public void Dib_ConvertsToPolyglotIpynb_ThatRuns()
    {
        using var h = new RunnerHarness();
        var dib = h.WriteText("intro.dib", """
            #!meta

            {"kernelInfo":{"defaultKernelName":"csharp","items":[{"aliases":[],"name":"csharp"}]}}

            #!markdown

            # Intro
            Text.

            #!csharp

            var x = 6;

            #!csharp

            x * 7
            """);
        var (exit, stdout, _) = Run("convert", dib);
        Assert.Equal(0, exit);
        Assert.Contains("converted", stdout);
        var nb = Notebook.Load(h.Dir["intro.ipynb"]);
        Assert.Equal(["markdown", "code", "code"], nb.Cells.Select(c => c.CellType));
        Assert.Equal("# Intro\nText.", nb.Cells[0].Source);
        Assert.Equal("var x = 6;", nb.Cells[1].Source);
        Assert.Equal(0, Run(h.Dir["intro.ipynb"]).Exit);
        Assert.Equal("42", MimeText(Outputs(Notebook.Load(h.Dir["intro.ipynb"]), 2)[0], "text/plain"));
    }

    [Fact]
    public void Dib_WithAnotherKernelsCell_IsRefused()
    {
        var e = Assert.Throws<NotebookFormatException>(() => DibConverter.Convert("#!csharp\n1\n#!fsharp\n2", "x.dib"));
        Assert.Contains("x.dib line 3: '#!fsharp' starts a cell for another kernel", e.Message);
    }

    [Fact]
    public void BadArguments_ExitTwo_WithUsage()
    {
        var (exit, _, stderr) = Run("a.ipynb", "--bogus");
        Assert.Equal(2, exit);
        Assert.Contains("unknown or incomplete option '--bogus'", stderr);
        Assert.Contains("usage: run-notebook", stderr);
        Assert.Equal(2, Run("notes.dib").Exit);
    }
}
