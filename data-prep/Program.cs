using System.CommandLine;
using FaceNet2ExpNet.DataPrep;

// data-prep: raw dataset trees → prepared datasets (the prepared-dataset contract: docs/dataset-format.md).
var root = new RootCommand("FaceNet2ExpNet data preparation: builds and checks prepared datasets under data/.");
root.Add(CheckCommand.Create());
root.Add(SyntheticCommand.Create());
root.Add(ImportCommand.Create());
root.Add(ModelsCommand.Create());
root.Add(AlignCommand.Create());
return Cli.Run(root, args);
