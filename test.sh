#!/usr/bin/env bash
# The whole test suite, setup included (what CI runs): ./test.sh [extra dotnet test args, e.g. --filter Trainer]
#   1. the xunit suite;
#   2. every notebook executed in the real .NET Interactive kernel (Jupyter, kernel .net-csharp) on the smoke profile,
#      in a scratch folder (data, runs and executed notebooks there; the committed notebooks are not touched), and each
#      executed notebook's outputs checked. A failing cell, or a chart without its image, fails the build.
set -euo pipefail
cd "$(dirname "$0")"
./scripts/setup.sh
echo "[test] running the test suite…"
dotnet test FaceNet2ExpNet.sln -c Release --no-build -nologo --logger "console;verbosity=minimal" "$@"

if [ "$#" -eq 0 ]; then
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
  echo "[test] executing every notebook in the .NET Interactive kernel on the smoke profile…"
  PROFILE=smoke DATA_ROOT="$scratch/data" RUNS_ROOT="$scratch/runs" \
    dotnet notebooks/tool/bin/Release/net10.0/fn2en-notebooks.dll execute notebooks/[0-9]*.ipynb \
      --out "$scratch/notebooks" --cell-timeout 900
fi
echo "[test] all passed"
