#!/usr/bin/env bash
# The whole test suite, setup included (what CI runs): ./test.sh [extra dotnet test args, e.g. --filter Trainer]
set -euo pipefail
cd "$(dirname "$0")"
./scripts/setup.sh
echo "[test] running the test suite…"
dotnet test FaceNet2ExpNet.sln -c Release --no-build -nologo --logger "console;verbosity=minimal" "$@"
