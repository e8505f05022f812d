using FaceNet2ExpNet.NotebookTool;
using FaceNet2ExpNet.Tests.Fixtures;

namespace FaceNet2ExpNet.Tests.Notebooks;

/// <summary>Executed notebooks carry no one's home folder.</summary>
public sealed class HomePathsTests
{
    [Fact]
    public void The_home_folder_becomes_a_tilde_and_nothing_else_changes()
    {
        const string output = "Loading extensions from `/home/ana/.nuget/packages/plotly.net.interactive/6.0.0/lib/x.dll`; /home/anabel/x; /home/ana";
        Assert.Equal("Loading extensions from `~/.nuget/packages/plotly.net.interactive/6.0.0/lib/x.dll`; /home/anabel/x; /home/ana",
            HomePaths.Shorten(output, "/home/ana"));
        Assert.Equal("~/.nuget", HomePaths.Shorten("/root/.nuget", "/root/"));
        Assert.Throws<ArgumentException>(() => HomePaths.Shorten(output, "home/ana"));
    }

    [Fact]
    public void No_committed_notebook_carries_an_absolute_nuget_path()
    {
        foreach (var notebook in Directory.GetFiles(Path.Combine(Repo.Root, "notebooks"), "*.ipynb"))
            Assert.DoesNotMatch(@"/[^""`\s]+/\.nuget/packages", File.ReadAllText(notebook));
    }
}
