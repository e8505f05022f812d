using System.CommandLine;
using FaceNet2ExpNet.Cli;
using FaceNet2ExpNet.Experiments.Claims;

// fn2en: runs the paper's experiments through the run store (runs/) and prints the results tables.
var root = new RootCommand("FaceNet2ExpNet experiments: face-net pre-training, baselines, FN2EN stage 1 and 2, k-fold results.");
root.Add(RunCommand.Create());
root.Add(ResultsCommand.Create());
// Ctrl-C, scancel or a job's time limit: give up this process's run claims at once, so others need not wait for them to go stale.
RunClaims.ReleaseOnTermination();
return Cli.Run(root, args);
