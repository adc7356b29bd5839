#!/usr/bin/env bash
# Builds the native product kernels (native/build/dlfs_gemm.node) from source with the system's C
# compiler and Node's own headers; scripts/setup.sh runs it. Nothing is downloaded.
#   gemm-avx2.c: -mavx2 -mno-fma -ffp-contract=off, so a multiply and an add are never fused into one
#                rounding (the triple loop's bits); the build fails if an FMA instruction is found.
#   addon.c:     plain x86-64 (it checks the CPU for AVX2 before calling the kernels).
# Exit status 0 when built; 4 on a machine that is not x86-64 (nothing to build); otherwise a message
# on stderr and another nonzero status. Whenever the addon is missing, the products run on the wasm
# kernels, with the same bits.
set -euo pipefail
cd "$(dirname "$0")"
CC=${CC:-cc}
case "$(uname -m)" in x86_64 | amd64) ;; *) echo "native: not an x86-64 machine ($(uname -m)): no AVX2 kernels" >&2; exit 4 ;; esac
command -v "$CC" >/dev/null || { echo "native: no C compiler ($CC) found" >&2; exit 2; }
inc=$(node -p 'require("path").resolve(process.execPath, "../../include/node")')
[ -f "$inc/node_api.h" ] || { echo "native: Node's headers are not at $inc (node_api.h)" >&2; exit 2; }
mkdir -p build
flags="-O3 -std=c11 -fPIC -fvisibility=hidden -ffp-contract=off -Wall -Wextra -Werror"
"$CC" $flags -mavx2 -mno-fma -c gemm-avx2.c -o build/gemm-avx2.o
"$CC" $flags -I"$inc" -c addon.c -o build/addon.o
"$CC" -shared -o build/dlfs_gemm.node.tmp build/gemm-avx2.o build/addon.o
if command -v objdump >/dev/null; then
  objdump -d build/dlfs_gemm.node.tmp >build/disassembly.txt # to a file: grep -q in a pipe under pipefail would hide a match
  if grep -qiE '\bv?fn?m(add|sub)[0-9]' build/disassembly.txt; then
    echo "native: the compiled kernels contain a fused multiply-add (FMA): refusing them" >&2
    rm -f build/dlfs_gemm.node.tmp build/dlfs_gemm.node build/sources.sha256 # nothing stale is loaded instead
    exit 3
  fi
fi
mv build/dlfs_gemm.node.tmp build/dlfs_gemm.node # atomic: a running test never loads half a file
# what it was built from (spec/kernels/native-kernels-load-where-they-should.spec.ts compares it with the sources)
node -e 'const { createHash } = require("crypto"), fs = require("fs");
for (const f of ["addon.c", "gemm-avx2.c", "gemm-avx2.h", "build.sh"])
  console.log(createHash("sha256").update(fs.readFileSync(f)).digest("hex") + "  " + f);' >build/sources.sha256
echo "native: built native/build/dlfs_gemm.node ($("$CC" --version | head -1))"
