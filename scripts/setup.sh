#!/usr/bin/env bash
# One-step, idempotent setup used by reproduce.sh and test.sh.
#  1. the .NET SDK must be present (we cannot install it for you; we say how),
#  2. on Debian 12, TorchSharp's native library needs a newer libstdc++ (GLIBCXX_3.4.32) -> from Debian trixie,
#  3. restore + build the solution (Release),
#  4. the pretrained face models, face-api's and Human's faceres (npm packages, verified checksums; cached in
#     ~/.cache/fn2en) -> models/,
#  5. the notebooks' kernel: Jupyter's nbconvert/nbclient (Debian apt), the .NET Interactive tool pinned in
#     .config/dotnet-tools.json, and its Jupyter kernel .net-csharp.
# Every step checks first, so a second run costs seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[setup] error:\033[0m %s\n' "$*" >&2; exit 1; }
# Prints "" as root, "sudo" otherwise; dies saying what needed root when there is no sudo.
sudo_or_die() {
  if [ "$(id -u)" -eq 0 ]; then echo ""; return; fi
  command -v sudo >/dev/null 2>&1 || die "need root (or sudo) to $1"
  echo sudo
}

# --- 1. .NET SDK ------------------------------------------------------------------------------------------------
if ! command -v dotnet >/dev/null 2>&1; then
  die ".NET SDK not found. Install the .NET 10 SDK (https://dot.net/download, or 'apt-get install dotnet-sdk-10.0'
       on Ubuntu 24.04) and run this command again."
fi
sdk_major=$(dotnet --version 2>/dev/null | cut -d. -f1 || echo 0)
if [ "${sdk_major:-0}" -lt 10 ]; then
  die ".NET SDK $(dotnet --version) found, but this project needs .NET 10 or newer (https://dot.net/download)."
fi

# --- 2. libstdc++ with GLIBCXX_3.4.32 (Debian 12 only) ------------------------------------------------------------
# TorchSharp 0.107's libLibTorchSharp.so is built with GCC 13+ and needs GLIBCXX_3.4.32; Debian 12 ships GCC 12's
# libstdc++ (up to 3.4.30). Debian trixie's libstdc++6 provides it; we pin trixie to priority 100 so nothing else is
# upgraded from it unless asked. See environment.md.
libstdcxx_has_3432() {
  local lib
  for lib in $(ldconfig -p 2>/dev/null | awk '/libstdc\+\+\.so\.6 /{print $NF}') /usr/lib/x86_64-linux-gnu/libstdc++.so.6; do
    [ -f "$lib" ] && grep -qa 'GLIBCXX_3\.4\.32' "$lib" && return 0
  done
  return 1
}
# The check is on the symbol itself, not on /etc/os-release: the trixie upgrade also updates base-files, after which
# the machine reports itself as Debian 13.
if [ "$(uname -s)" = Linux ]; then
  if libstdcxx_has_3432; then
    say "libstdc++ provides GLIBCXX_3.4.32 (ok)"
  elif [ -r /etc/debian_version ] && grep -q '^12\.' /etc/debian_version && command -v apt-get >/dev/null 2>&1; then
    say "Debian 12: installing libstdc++6 from trixie (TorchSharp needs GLIBCXX_3.4.32; see environment.md)"
    SUDO=$(sudo_or_die "install libstdc++6 from Debian trixie")
    if [ ! -f /etc/apt/sources.list.d/trixie.sources ]; then
      $SUDO tee /etc/apt/sources.list.d/trixie.sources >/dev/null <<'SRC'
Types: deb
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    fi
    if [ ! -f /etc/apt/preferences.d/trixie-pin ]; then
      $SUDO tee /etc/apt/preferences.d/trixie-pin >/dev/null <<'PIN'
Package: *
Pin: release n=trixie
Pin-Priority: 100
PIN
    fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq -t trixie libstdc++6 >/dev/null
    libstdcxx_has_3432 || die "libstdc++6 from trixie installed, but GLIBCXX_3.4.32 is still missing"
    say "libstdc++6 upgraded from trixie"
  else
    die "TorchSharp needs libstdc++ with GLIBCXX_3.4.32 (GCC 13 or newer), which this system lacks.
       Install a newer libstdc++6 from your distribution (see environment.md) and run this command again."
  fi
fi

# --- 3. restore + build ---------------------------------------------------------------------------------------------
if [ "${SETUP_SKIP_BUILD:-0}" != 1 ]; then
  say "restoring and building (Release)…"
  dotnet build FaceNet2ExpNet.sln -c Release -nologo -clp:ErrorsOnly -v:quiet \
    || die "build failed (see the errors above)"
  say "build ok"
fi

# --- 4. pretrained models (face-api's nets and Human's faceres; tests and the pretrained face nets need them) ----------
# Idempotent: verified files are left alone; a clean clone on the same machine copies them from the user-level cache;
# only the first install on a machine runs `npm pack` (Node.js/npm needed once). See docs/face-api.md, docs/face-nets.md.
if [ "${SETUP_SKIP_MODELS:-0}" != 1 ]; then
  [ -f data-prep/bin/Release/net10.0/data-prep.dll ] || die "data-prep is not built yet; run this script without SETUP_SKIP_BUILD=1"
  dotnet data-prep/bin/Release/net10.0/data-prep.dll models install --models models \
    || die "the pretrained models could not be installed (see the message above; docs/face-api.md explains the options)"
fi

# --- 5. the notebooks' kernel: Jupyter + the real .NET Interactive kernel (see environment.md, "Notebooks") -----------
# Jupyter (nbconvert + nbclient + jupyter-client) executes the notebooks with the .net-csharp kernel, exactly as a user's
# Jupyter does. Debian's packages run on /usr/bin/python3 (another python3 may come first on PATH; the tools call
# /usr/bin/jupyter). fonts-dejavu-core gives the offline chart images (ScottPlot) their text.
if [ "${SETUP_SKIP_NOTEBOOKS:-0}" != 1 ]; then
  jupyter_bin=${JUPYTER:-/usr/bin/jupyter}
  have_jupyter() { [ -x "$jupyter_bin" ] && "$jupyter_bin" nbconvert --version >/dev/null 2>&1 && "$jupyter_bin" kernelspec --version >/dev/null 2>&1; }
  have_fonts() { [ "$(uname -s)" != Linux ] || fc-list 2>/dev/null | grep -qi 'DejaVu Sans' || [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; }
  if ! have_jupyter || ! have_fonts; then
    if [ -r /etc/debian_version ] && command -v apt-get >/dev/null 2>&1; then
      say "installing Jupyter's nbconvert/nbclient and the DejaVu fonts (Debian packages)"
      SUDO=$(sudo_or_die "install jupyter-nbconvert, python3-nbclient, jupyter-client and fonts-dejavu-core with apt")
      $SUDO apt-get update -qq
      DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
        jupyter-nbconvert python3-nbclient python3-nbformat jupyter-client fonts-dejavu-core >/dev/null
    fi
    have_jupyter || die "Jupyter's nbconvert is needed to run the notebooks: on Debian/Ubuntu 'apt-get install jupyter-nbconvert
       python3-nbclient jupyter-client', elsewhere 'pip install nbconvert nbclient jupyter_client' and JUPYTER=\$(which jupyter)
       (see environment.md). SETUP_SKIP_NOTEBOOKS=1 skips this step."
  fi
  say "jupyter: nbconvert $("$jupyter_bin" nbconvert --version 2>/dev/null), $("$jupyter_bin" --version 2>/dev/null | grep -i nbclient | tr -s ' ' || true)"
  # The .NET Interactive tool, at the version pinned in .config/dotnet-tools.json (a local tool: nothing global changes).
  dotnet tool restore >/dev/null || die "dotnet tool restore failed (the .NET Interactive tool, .config/dotnet-tools.json)"
  if ! "$jupyter_bin" kernelspec list 2>/dev/null | grep -q '^ *\.net-csharp '; then
    say "registering the .NET Interactive kernels with Jupyter (dotnet dotnet-interactive jupyter install)"
    DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT=1 dotnet dotnet-interactive jupyter install >/dev/null \
      || die "dotnet-interactive could not register its Jupyter kernel"
  fi
  say "kernel .net-csharp: dotnet-interactive $(dotnet dotnet-interactive --version 2>/dev/null | head -1) (ok)"
fi
