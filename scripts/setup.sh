# Sourced by scripts/serve and scripts/test. Installs what the build and the tests need, from the
# package registries only (crates.io, npm, Debian), skipping whatever is already there.
# Safe to run again and again.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }
export PATH="$HOME/.cargo/bin:$PATH"

# 1. The wasm target.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# 1b. Clippy (scripts/test runs it); a minimal toolchain profile may lack it.
if ! cargo clippy --version >/dev/null 2>&1; then
  log "adding the clippy component"
  rustup component add clippy
fi

# 2. Trunk 0.21 (0.22 needs a newer rustc than this toolchain).
if ! trunk --version 2>/dev/null | grep -q '^trunk 0\.21\.'; then
  log "installing trunk 0.21 (takes several minutes once)"
  cargo install trunk --version "^0.21" --locked
fi

# 3. wasm-bindgen-cli: exactly the version Cargo.lock resolved, or the build breaks at runtime.
WBG_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
if [ -z "$WBG_VERSION" ]; then
  echo "[setup] cannot find wasm-bindgen in Cargo.lock" >&2
  exit 1
fi
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WBG_VERSION"; then
  log "installing wasm-bindgen-cli $WBG_VERSION (Cargo.lock's version; found: $(wasm-bindgen --version 2>/dev/null || echo none))"
  # No --locked: its lock file names a webpki-roots release the registry no longer serves.
  cargo install wasm-bindgen-cli --version "=$WBG_VERSION" --force
fi
# Trunk uses the tool only if its version matches the pin; follow Cargo.lock even if Trunk.toml lags.
export TRUNK_TOOLS_WASM_BINDGEN="$WBG_VERSION"
if ! grep -q "wasm_bindgen = \"$WBG_VERSION\"" Trunk.toml; then
  log "note: Trunk.toml pins another wasm-bindgen than Cargo.lock ($WBG_VERSION); using Cargo.lock's"
fi

# 4. Chromium, its driver and a CJK font (Debian packages) for the browser tests.
need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need_apt+=(chromium-driver)
fc-list 2>/dev/null | grep -qiE 'wqy|noto sans cjk|droid sans fallback' || need_apt+=(fonts-wqy-microhei)
if [ "${#need_apt[@]}" -gt 0 ]; then
  log "installing ${need_apt[*]} (Debian)"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}"
fi
export CHROMEDRIVER="$(command -v chromedriver)"

# 5. npm packages: Playwright (driving the system Chromium, never downloading one) and
#    wasm-opt from npm binaryen (Debian's is too old for today's rustc output).
E2E="$ROOT/tests/e2e"
if [ ! -x "$E2E/node_modules/.bin/wasm-opt" ] || [ ! -d "$E2E/node_modules/@playwright/test" ] \
  || [ "$E2E/package-lock.json" -nt "$E2E/node_modules/.package-lock.json" ]; then
  log "installing npm packages in tests/e2e"
  (cd "$E2E" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
fi
export PATH="$E2E/node_modules/.bin:$PATH"
if ! wasm-opt --version | grep -q 'version 132'; then
  echo "[setup] wasm-opt on PATH is not binaryen 132: $(wasm-opt --version)" >&2
  exit 1
fi
# 6. Python icalendar: the Playwright flow reads the exported agenda (.ics) with a real calendar
#    library. From PyPI, into the user's site-packages, only if missing.
if ! python3 -c "import icalendar" 2>/dev/null; then
  log "installing the Python icalendar package (PyPI)"
  python3 -m pip install --quiet --user icalendar 2>/dev/null \
    || python3 -m pip install --quiet icalendar 2>/dev/null \
    || { SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"; $SUDO apt-get install -y -qq python3-icalendar; }
fi

# 7. binaryen's wasm-split: the release build comes in two parts (scripts/split.mjs). Built once
#    from the binaryen source in the crates.io package wasm-opt-sys (tools/wasm-split/build.sh).
export WASM_SPLIT="${WASM_SPLIT_HOME:-$HOME/.cache/fairlog/wasm-split-116}/wasm-split"
if [ ! -x "$WASM_SPLIT" ]; then
  log "building binaryen's wasm-split 116 (about 5 minutes, once)"
  "$ROOT/tools/wasm-split/build.sh"
fi

log "ready: $(trunk --version), wasm-bindgen $WBG_VERSION, $(wasm-opt --version), $(chromium --version 2>/dev/null)"
