#!/usr/bin/env bash
# Puts binaryen 116's wasm-split at $WASM_SPLIT_HOME/wasm-split (default ~/.cache/fairlog/
# wasm-split-116), building it once from the source in the crates.io package wasm-opt-sys 0.116.0
# (checked against its SHA-256). The npm binaryen package has no wasm-split, and Debian's binaryen
# (108) cannot read today's rustc output. About 5 minutes on 2 cores, once.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="${WASM_SPLIT_HOME:-$HOME/.cache/fairlog/wasm-split-116}"
[ -x "$OUT/wasm-split" ] && exit 0
CRATE=wasm-opt-sys-0.116.0
SHA256=8a1cce564dc768dacbdb718fc29df2dba80bd21cb47d8f77ae7e3d95ceb98cbe
mkdir -p "$OUT"
if [ ! -d "$OUT/$CRATE" ]; then
  curl -sSfL --retry 3 -o "$OUT/$CRATE.crate" "https://static.crates.io/crates/wasm-opt-sys/$CRATE.crate"
  echo "$SHA256  $OUT/$CRATE.crate" | sha256sum -c --quiet
  tar -xzf "$OUT/$CRATE.crate" -C "$OUT"
fi
B="$OUT/$CRATE/binaryen"
echo '#define PROJECT_VERSION "116 (wasm-opt-sys 0.116.0)"' > "$OUT/config.h"
# passes/WasmIntrinsics.cpp.in with wasm-intrinsics.wat embedded, as binaryen's CMake does.
python3 - "$B" "$OUT/WasmIntrinsics.cpp" <<'PY'
import sys
b, out = sys.argv[1], sys.argv[2]
wat = open(b + "/src/passes/wasm-intrinsics.wat", "rb").read()
src = open(b + "/src/passes/WasmIntrinsics.cpp.in").read()
embed = ",".join("0x%02x" % c for c in wat) + ",0x00"
open(out, "w").write(src.replace("@WASM_INTRINSICS_SIZE@", str(len(wat) + 1)).replace("@WASM_INTRINSICS_EMBED@", embed))
PY
make -s -f "$HERE/Makefile" -j"$(nproc)" B="$B" OUT="$OUT" "$OUT/wasm-split"
"$OUT/wasm-split" --version
