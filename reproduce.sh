#!/usr/bin/env bash
# The main job on a fresh machine: setup, the embedded default data, then every experiment/notebook (profile: quick).
#   ./reproduce.sh                 quick profile (default)
#   PROFILE=smoke ./reproduce.sh   seconds-long version used by CI
set -euo pipefail
cd "$(dirname "$0")"
export PROFILE="${PROFILE:-quick}"
./scripts/setup.sh
echo "[reproduce] profile: $PROFILE"
DATA_PREP="dotnet data-prep/bin/Release/net10.0/data-prep.dll"

# 1. The embedded default data: synthetic face-recognition + CK+-like expression corpora (reused when current).
$DATA_PREP synthetic --profile "$PROFILE" --data data
