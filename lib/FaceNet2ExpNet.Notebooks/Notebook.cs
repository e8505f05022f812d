namespace FaceNet2ExpNet.Notebooks;

/// <summary>
/// The first cell of every notebook: <c>var nb = FaceNet2ExpNet.Notebooks.Notebook.Results("ck-plus");</c> sets the
/// kernel up once (<see cref="NotebookSetup"/>), reads the parameters from the environment, prints the profile the
/// notebook runs on, and returns that notebook's page, whose methods are its cells.
/// </summary>
public static class Notebook
{
    /// <summary>01 · Data preparation (Sec. IV, Table II).</summary>
    public static DataPrepNotebook DataPrep() => new(Start());

    /// <summary>02 · Layer selection (Sec. III-C, Fig. 3, Table I).</summary>
    public static LayerSelectionNotebook LayerSelection() => new(Start());

    /// <summary>03 · Stage 1 (Sec. III-A/B, eq. 4).</summary>
    public static Stage1Notebook Stage1() => new(Start());

    /// <summary>04 · Stage 2 and the baselines (Sec. III-B, eq. 5).</summary>
    public static Stage2Notebook Stage2() => new(Start());

    /// <summary>05–09 · One dataset's results beside the paper's table (Tables III–VI, Figs. 6–9).</summary>
    public static ResultsNotebook Results(string dataset) => new(Start(dataset));

    /// <summary>10 · Neuron visualisation (Sec. IV-B, Figs. 4–5).</summary>
    public static NeuronsNotebook Neurons() => new(Start());

    /// <summary>11 · Model size and speed (Sec. V).</summary>
    public static ModelSizeSpeedNotebook ModelSizeSpeed() => new(Start());

    private static NotebookParameters Start(string? dataset = null)
    {
        NotebookSetup.Ensure();
        var parameters = NotebookParameters.FromEnvironment(dataset);
        Console.WriteLine(parameters);
        return parameters;
    }
}
