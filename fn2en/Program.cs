using System.CommandLine;
using FaceNet2ExpNet.Cli;

// fn2en: runs the paper's experiments through the run store (runs/) and prints the results tables.
var root = new RootCommand("FaceNet2ExpNet experiments: face-net pre-training, baselines, FN2EN stage 1 and 2, k-fold results.");
root.Add(RunCommand.Create());
root.Add(BenchCommand.Create());
return Cli.Run(root, args);
