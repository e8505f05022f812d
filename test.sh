#!/usr/bin/env bash
# The whole test suite, setup included (what CI runs): ./test.sh [extra dotnet test args, e.g. --filter Trainer]
#   1. the xunit suite;
#   2. every notebook executed headlessly on the smoke profile, in a scratch folder (data, runs and executed notebooks
#      there; the committed notebooks are not touched). A failing cell fails the build.
set -euo pipefail
cd "$(dirname "$0")"
./scripts/setup.sh
echo "[test] running the test suite…"
dotnet test FaceNet2ExpNet.sln -c Release --no-build -nologo --logger "console;verbosity=minimal" "$@"

if [ "$#" -eq 0 ]; then
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
  echo "[test] executing every notebook on the smoke profile…"
  PROFILE=smoke DATA_ROOT="$scratch/data" RUNS_ROOT="$scratch/runs" \
    dotnet notebooks/runner/bin/Release/net10.0/run-notebook.dll notebooks/[0-9]*.ipynb --out "$scratch/notebooks"
fi
echo "[test] all passed"
