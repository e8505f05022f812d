namespace FaceNet2ExpNet.Benchmarks;

/// <summary>One bench measurement with its progress line ("[bench] what… 12.34 img/s").</summary>
public static class BenchMeasurement
{
    /// <summary>
    /// The value of <paramref name="measure"/>, rounded to 3 decimals; null when this libtorch refuses the format
    /// (<see cref="InvalidOperationException"/>: e.g. channels-last for faceres), with that line added to <paramref name="notes"/>.
    /// </summary>
    public static double? Run(TextWriter log, List<string> notes, string what, Func<double> measure, string unit)
    {
        log.Write($"[bench] {what}… ");
        log.Flush();
        try
        {
            var value = measure();
            log.WriteLine($"{value:F2} {unit}");
            return Math.Round(value, 3);
        }
        catch (InvalidOperationException e)
        {
            log.WriteLine("refused");
            notes.Add($"{what}: {e.Message}");
            return null;
        }
    }
}
