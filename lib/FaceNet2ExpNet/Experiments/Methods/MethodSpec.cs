using FaceNet2ExpNet.Experiments.Recipes;

namespace FaceNet2ExpNet.Experiments;

/// <summary>
/// One training procedure of the paper's tables, named once (a registry entry, <see cref="Methods"/>): its key (the
/// run-store folder and <c>--methods</c> name), its settings' prefix, its name in the paper's tables, the runs it is
/// trained from, its schedule's settings and the recipe that trains it.
/// </summary>
public sealed class MethodSpec
{
    private readonly Func<IReadOnlyList<MethodSpec>> parents;

    internal MethodSpec(string key, string settingPrefix, string paperName, string description, Schedule paperSchedule, IRecipe recipe,
        Func<IReadOnlyList<MethodSpec>> parents, bool perFold = true, bool usesFaceNet = true, bool trainsExpNet = false, bool compared = false)
    {
        (Key, SettingPrefix, PaperName, Description, Recipe, this.parents) = (key, settingPrefix, paperName, description, recipe, parents);
        (PerFold, UsesFaceNet, TrainsExpNet, Compared) = (perFold, usesFaceNet, trainsExpNet, compared);
        Schedule = new ScheduleSettings(this, paperSchedule);
    }

    /// <summary>The run store's folder name and the CLI's: "fn2en".</summary>
    public string Key { get; }
    /// <summary>Prefix of this method's settings: "stage2" (<c>stage2.lr</c>).</summary>
    public string SettingPrefix { get; }
    /// <summary>The row name in the paper's tables: "FN2EN".</summary>
    public string PaperName { get; }
    public string Description { get; }
    /// <summary>One run per fold (else one run shared by every fold: face-net pre-training).</summary>
    public bool PerFold { get; }
    /// <summary>Its runs depend on the face net (scratch-BN's do not).</summary>
    public bool UsesFaceNet { get; }
    /// <summary>It trains an ExpNet (scratch-BN, stage 1, stage 2).</summary>
    public bool TrainsExpNet { get; }
    /// <summary>A row of the results tables.</summary>
    public bool Compared { get; }
    /// <summary>The methods whose runs this one is trained from (a pretrained face net has no pre-training run: skipped then).</summary>
    public IReadOnlyList<MethodSpec> Parents => parents();
    /// <summary>Its schedule's settings (<c>stage2.lr</c>, …).</summary>
    public ScheduleSettings Schedule { get; }
    /// <summary>How its runs are trained.</summary>
    public IRecipe Recipe { get; }

    public override string ToString() => Key;
}
