using FaceNet2ExpNet.Notebooks;

// run-notebook: executes Polyglot (.NET C#) notebooks headlessly (docs/notebooks.md).
// The real console writers are taken before any cell redirects Console.Out.
return await RunnerCli.RunAsync(args, Console.Out, Console.Error);
