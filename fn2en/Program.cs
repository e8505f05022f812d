using System.CommandLine;
using FaceNet2ExpNet.Cli;
using FaceNet2ExpNet.Experiments.Claims;

// fn2en: runs the paper's experiments through the run store (runs/), prints the results tables, applies trained models to photos.
var root = new RootCommand("FaceNet2ExpNet experiments: face-net pre-training, baselines, FN2EN stage 1 and 2, k-fold results.");
root.Add(RunCommand.Create());
root.Add(ResultsCommand.Create());
root.Add(PredictCommand.Create());
root.Add(BenchCommand.Create());
root.Add(MigrateCommand.Create());
// Ctrl-C, scancel or a job's time limit: give up this process's run claims at once, so others need not wait for them to go stale.
RunClaims.ReleaseOnTermination();
return Cli.Run(root, args);
