#r "nuget: TorchSharp-cpu, 0.107.0"
#r "nuget: Plotly.NET, 6.0.0"
#r "nuget: Plotly.NET.CSharp, 0.14.0"
#r "nuget: Plotly.NET.Interactive, 6.0.0"
#r "nuget: SkiaSharp, 2.88.9"
#r "nuget: StbImageSharp, 2.30.16"
#r "nuget: StbImageWriteSharp, 1.16.7"
#r "../lib/FaceNet2ExpNet/bin/Release/net10.0/FaceNet2ExpNet.dll"
using System.IO;
using FaceNet2ExpNet.Analysis;
using FaceNet2ExpNet.Data;
using FaceNet2ExpNet.Data.Synthetic;
using FaceNet2ExpNet.Experiments;
using FaceNet2ExpNet.Reporting;
using Microsoft.DotNet.Interactive.Formatting;
// Pictures are PNG; the kernel shows image/png given as base64.
Formatter.Register<PngImage>((image, writer) => writer.Write(image.Base64), "image/png");
