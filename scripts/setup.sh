#!/usr/bin/env bash
# Sets this project up on a fresh machine: Debian's libraries for the canvas build (installed
# when missing), then the npm dependencies from package-lock.json, then the native AVX2 product
# kernels (native/build.sh). Safe to run again: each step is skipped when it is already done
# (the native kernels, a second or so, are rebuilt every time).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[setup] %s\n' "$*"; }

# 1. Node 20.19+, 22.12+ or 24+ (package.json engines: what vitest 4 and vite accept; 22 or newer recommended, Node 20 is end of life).
node_ok=$(node -e 'const [a,b]=process.versions.node.split(".").map(Number); console.log((a===20&&b>=19)||(a===22&&b>=12)||a>=24?1:0)' 2>/dev/null || echo 0)
if [ "$node_ok" != 1 ]; then
  say "Node.js ^20.19, ^22.12 or >= 24 is required (found: $(node --version 2>/dev/null || echo none))."
  exit 1
fi

# 2. Debian packages that canvas needs to build from source (it cannot download a prebuilt binary here).
DEBS="libcairo2-dev libpango1.0-dev libjpeg-dev libgif-dev librsvg2-dev pkg-config"
missing=""
for p in $DEBS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    say "installing Debian packages for canvas:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq $missing >/dev/null
  elif command -v apt-get >/dev/null 2>&1 && command -v sudo >/dev/null 2>&1; then
    say "installing Debian packages for canvas with sudo:$missing"
    sudo DEBIAN_FRONTEND=noninteractive apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  else
    say "canvas needs these system packages, which are missing:$missing"
    say "On Debian/Ubuntu: sudo apt-get install$missing"
    say "Elsewhere see https://github.com/Automattic/node-canvas#compiling"
    exit 1
  fi
fi

# 2b. Python 3 with NumPy, for `npm run conformance -- --python DIR` and its tests (Debian packages).
if ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import numpy' >/dev/null 2>&1; then
  PYDEBS="python3 python3-numpy"
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    say "installing Debian packages for the Python host:$PYDEBS"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq $PYDEBS >/dev/null
  elif command -v apt-get >/dev/null 2>&1 && command -v sudo >/dev/null 2>&1; then
    say "installing Debian packages for the Python host with sudo:$PYDEBS"
    sudo DEBIAN_FRONTEND=noninteractive apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $PYDEBS >/dev/null
  else
    say "the Python host needs python3 with NumPy, which is missing."
    say "On Debian/Ubuntu: sudo apt-get install$PYDEBS; elsewhere: pip install numpy"
    exit 1
  fi
fi

# 3. npm dependencies, exactly as locked. canvas is forced to build from source against the
# Debian Cairo/Pango above: online, npm would otherwise download canvas's prebuilt binary, which
# carries its own Cairo, Pango and FreeType, and the goldens' zero-pixel budget would then fail
# for reasons unrelated to the code (about a minute).
export npm_config_build_from_source=true
stamp=node_modules/.setup-stamp
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  if [ -L node_modules ]; then
    # npm ci empties node_modules first, through a link too: another checkout's packages would go
    say "node_modules is a link to $(readlink node_modules), and its packages do not match package-lock.json."
    say "npm ci would empty the folder it points to; remove the link (rm node_modules) and run this again."
    exit 1
  fi
  say "installing npm dependencies (npm ci; npm_config_build_from_source=true: canvas is compiled against the system Cairo, never downloaded prebuilt)"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi

# A canvas installed earlier from a prebuilt binary keeps its bundled libcairo beside canvas.node: rebuild it.
if ls node_modules/canvas/build/Release/libcairo* >/dev/null 2>&1; then
  say "canvas was installed prebuilt (bundled Cairo); rebuilding it from source against the system Cairo"
  npm rebuild canvas --build-from-source --loglevel=error
fi

# 4. Prove the native module loads.
if ! node -e 'require("canvas")' 2>/tmp/canvas-load.err; then
  say "canvas did not load after install:"; cat /tmp/canvas-load.err
  say "Try: rm -rf node_modules && bash scripts/setup.sh"
  exit 1
fi
# 5. The native AVX2 product kernels (native/build.sh: the system's C compiler and Node's own headers,
# nothing downloaded). Optional on a machine that cannot build them: the products then run on the
# WebAssembly kernels, with the same bits. Under CI they must build (the kernel specs fail otherwise).
native_status=0
bash native/build.sh 2>/tmp/native-build.err || native_status=$?
if [ "$native_status" = 0 ]; then
  native_note="native AVX2 kernels built"
else
  # status 4: not an x86-64 machine, where there is nothing to build
  if [ "$native_status" != 4 ] && { [ "${CI:-}" = true ] || [ "${CI:-}" = 1 ]; }; then
    say "the native kernels did not build (CI=$CI requires them):"; cat /tmp/native-build.err
    exit 1
  fi
  say "the native kernels did not build; the products will use the WebAssembly kernels (same bits, slower):"
  sed 's/^/[setup]   /' /tmp/native-build.err
  native_note="native kernels not built: wasm kernels in use"
fi
say "python: $(python3 -c 'import sys, numpy; print(sys.version.split()[0], "with numpy", numpy.__version__)')"
say "ready (node $(node --version), canvas $(node -p 'require("canvas").version') built from source, cairo $(node -p 'require("canvas").cairoVersion'), system cairo $(pkg-config --modversion cairo); $native_note)"
