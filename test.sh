#!/usr/bin/env bash
# The whole test suite, setup included (what CI runs): ./test.sh [extra dotnet test args, e.g. --filter Trainer]
#   1. the xunit suite;
#   2. (without arguments) every notebook executed in the real .NET Interactive kernel (Jupyter, kernel .net-csharp) on
#      the smoke profile, in a scratch folder (data, runs and executed notebooks there; the committed notebooks are not
#      touched), and each executed notebook's outputs checked. A failing cell, or a chart without its image, fails.
#   3. (without arguments) every notebook's kernel-free twin (notebooks/NN-name.cs, a .NET 10 file-based app) run with
#      `dotnet run` on the smoke profile, with its own runs folder (so the twins train as the kernel did), reports in the
#      scratch folder. A twin that fails or whose report shows an error fails.
# All steps run even when one fails, so one run reports everything; the exit code is non-zero if any failed.
set -euo pipefail
cd "$(dirname "$0")"
./scripts/setup.sh
echo "[test] running the test suite…"
suite=0
dotnet test FaceNet2ExpNet.sln -c Release --no-build -nologo --logger "console;verbosity=minimal" "$@" || suite=$?

notebooks=0
twins=0
if [ "$#" -eq 0 ]; then
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
  echo "[test] executing every notebook in the .NET Interactive kernel on the smoke profile…"
  PROFILE=smoke DATA_ROOT="$scratch/data" RUNS_ROOT="$scratch/runs" \
    dotnet notebooks/tool/bin/Release/net10.0/fn2en-notebooks.dll execute notebooks/[0-9]*.ipynb \
      --out "$scratch/notebooks" --cell-timeout 900 || notebooks=$?
  echo "[test] running every notebook's kernel-free twin (dotnet run notebooks/NN-name.cs) on the smoke profile…"
  PROFILE=smoke DATA_ROOT="$scratch/data" RUNS_ROOT="$scratch/runs-twins" \
    dotnet notebooks/tool/bin/Release/net10.0/fn2en-notebooks.dll run-twins notebooks/[0-9]*.cs --reports "$scratch/reports" || twins=$?
fi
if [ "$suite" -ne 0 ] || [ "$notebooks" -ne 0 ] || [ "$twins" -ne 0 ]; then
  echo "[test] FAILED:$([ "$suite" -ne 0 ] && echo " the test suite")$([ "$notebooks" -ne 0 ] && echo " the notebooks")$([ "$twins" -ne 0 ] && echo " the twins")" >&2
  exit 1
fi
echo "[test] all passed"
