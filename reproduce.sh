#!/usr/bin/env bash
# The main job on a fresh machine: setup, the embedded default data, then every experiment/notebook (profile: quick).
#   ./reproduce.sh                 quick profile (default)
#   PROFILE=smoke ./reproduce.sh   seconds-long version used by CI
set -euo pipefail
cd "$(dirname "$0")"
export PROFILE="${PROFILE:-quick}"
./scripts/setup.sh
echo "[reproduce] profile: $PROFILE"
echo "[reproduce] foundation only so far: the library builds and loads TorchSharp; later stages are added by their issues."
