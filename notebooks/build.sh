#!/usr/bin/env bash
# Builds notebooks/NN-*.ipynb from the readable sources in notebooks/src/*.dib: "// @setup" and "// @params [dataset=X]"
# lines become the shared setup and parameters cells. Conversion only; run the notebooks with run-notebook afterwards.
set -euo pipefail
cd "$(dirname "$0")"
RUNNER="dotnet runner/bin/Release/net10.0/run-notebook.dll"
tmp=$(mktemp -d)
for src in src/[0-9]*.dib; do
  name=$(basename "$src")
  python3 - "$src" "$tmp/$name" <<'PY'
import sys, re
src, out = sys.argv[1], sys.argv[2]
setup = open('src/_setup.cs').read().rstrip('\n')
params = open('src/_params.cs').read().rstrip('\n')
text = open(src).read()
text = text.replace('// @setup', setup)
def p(m):
    ds = m.group(1)
    return params if ds is None else params.replace('?? "synthetic-ck"', f'?? "{ds}"')
text = re.sub(r'// @params(?: dataset=([\w-]+))?', p, text)
open(out, 'w').write(text)
PY
  $RUNNER convert "$tmp/$name" --out . >/dev/null
done
rm -rf "$tmp"
echo "[notebooks] converted $(ls src/[0-9]*.dib | wc -l) notebooks"
