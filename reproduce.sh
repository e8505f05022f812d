#!/usr/bin/env bash
# The main job on a fresh machine: setup, the embedded default data, every experiment, every notebook executed in place.
#   ./reproduce.sh                 quick profile (default; CPU, minutes)
#   PROFILE=smoke ./reproduce.sh   the minutes-long version (tiny nets, one or two epochs; notebooks go to runs/notebooks-smoke/)
#   PROFILE=cpu ./reproduce.sh     the paper's ExpNet on a 2-core CPU (hours; notebooks go to runs/notebooks-cpu/)
#   PROFILE=paper ./reproduce.sh   the paper's settings (needs a GPU: FN2EN_DEVICE=cuda, see environment.md)
# Interrupt it at any point and run it again: finished runs are reused, interrupted ones resume from their checkpoint.
set -euo pipefail
cd "$(dirname "$0")"
export PROFILE="${PROFILE:-quick}"
./scripts/setup.sh
echo "[reproduce] profile: $PROFILE"
BIN=bin/Release/net10.0

# 1. The embedded default data: synthetic face-recognition + CK+-like expression corpora (reused when current).
dotnet data-prep/$BIN/data-prep.dll synthetic --profile "$PROFILE" --data data

# 2. Every training procedure of the paper's tables on the default data, k-fold; prints the results table.
dotnet fn2en/$BIN/fn2en.dll run --dataset synthetic-ck --profile "$PROFILE" --data data --runs runs

# 3. The notebooks, converted from their .dib sources and executed in place in the real .NET Interactive kernel
#    (Jupyter, kernel .net-csharp); they read the runs above; results notebooks of unprepared real datasets show the
#    paper's table and how to prepare the data. Each executed notebook's outputs are checked.
#    The committed notebooks hold the quick profile's outputs: another profile's go to runs/notebooks-<profile>/.
dotnet notebooks/tool/$BIN/fn2en-notebooks.dll convert notebooks/[0-9]*.dib
if [ "$PROFILE" = quick ]; then
  out=notebooks
  dotnet notebooks/tool/$BIN/fn2en-notebooks.dll execute notebooks/[0-9]*.ipynb
else
  out=runs/notebooks-$PROFILE
  dotnet notebooks/tool/$BIN/fn2en-notebooks.dll execute notebooks/[0-9]*.ipynb --out "$out"
fi
echo "[reproduce] done: results in runs/synthetic-ck/$PROFILE/results-*.md, executed notebooks in $out/"
