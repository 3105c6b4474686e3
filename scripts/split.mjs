// Trunk post-build hook (release builds): splits the app's wasm in two with binaryen's wasm-split.
// The first part holds the functions the app runs until its first page shows (the names in
// web/first-show.txt, written by scripts/split-profile.mjs); the rest move to a second module,
// `…_rest.wasm`, which web/loader.js fetches once the first part runs. Until then a call into a
// moved function goes through a placeholder that loads the rest at once (web/loader.js).
// The moved functions keep their table slots, so the app behaves the same either way; only what
// must download before the first page shows gets smaller.
//
// Runs before scripts/precompress.mjs (one hook runs both). Skipped for debug builds.
// FAIRLOG_SPLIT=off leaves one module (without the names kept for the split);
// FAIRLOG_SPLIT=instrument writes wasm-split's instrumented module, for scripts/split-profile.mjs.
// Needs `wasm-split` (binaryen 116, built by scripts/setup.sh).
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { functionNames, sections, stable, withoutNames } from "./wasm-names.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dir = process.env.TRUNK_STAGING_DIR || process.argv[2];
const mode = process.env.FAIRLOG_SPLIT || "split";
const release = (process.env.TRUNK_PROFILE || "release") === "release";
if (!dir) {
  console.error("usage: node scripts/split.mjs DIST (or run as a trunk hook)");
  process.exit(2);
}
if (!release) process.exit(0);

const tool = process.env.WASM_SPLIT || "wasm-split";
const wasmName = readdirSync(dir).find((n) => n.endsWith("_bg.wasm"));
if (!wasmName) throw new Error(`split.mjs: no *_bg.wasm in ${dir}`);
const wasmPath = join(dir, wasmName);
if (mode === "off") {
  // One module, as before the split (for comparisons): only the names wasm-opt kept go.
  writeFileSync(wasmPath, withoutNames(readFileSync(wasmPath)));
  process.exit(0);
}
const restName = wasmName.replace(/_bg\.wasm$/, "_rest.wasm");
const work = join(root, "target", "split");
mkdirSync(work, { recursive: true });
// The whole module with its names, as wasm-opt left it (scripts/split-profile.mjs reads it).
const whole = join(work, "whole.wasm");
writeFileSync(whole, withoutTableFill(readFileSync(wasmPath)));
// The features rustc's output uses; binaryen 116 reads these and no newer ones.
const features = [
  "--enable-bulk-memory",
  "--enable-mutable-globals",
  "--enable-nontrapping-float-to-int",
  "--enable-sign-ext",
  "--enable-reference-types",
  "--enable-multivalue",
];

// wasm-bindgen clears one slot of its externref table with `table.fill` (count 1), an
// instruction binaryen 116 cannot read. `ref.null extern; i32.const 1; table.fill t` becomes
// `ref.null extern; table.set t; nop; nop; nop`: the same effect, the same length, so no size
// or offset in the module changes. Only the code section is searched; the module is checked
// again by wasm-split's parser, which refuses any table.fill left.
function withoutTableFill(bytes) {
  const out = Uint8Array.from(bytes);
  const code = [...sections(out)].find((s) => s.id === 10);
  for (let i = code.body; i + 7 <= code.end; i++) {
    const t = out[i + 6];
    if (out[i] === 0xd0 && out[i + 1] === 0x6f && out[i + 2] === 0x41 && out[i + 3] === 0x01 &&
        out[i + 4] === 0xfc && out[i + 5] === 0x11 && t < 0x80) {
      out.set([0xd0, 0x6f, 0x26, t, 0x01, 0x01, 0x01], i);
    }
  }
  return out;
}
const run = (args) => execFileSync(tool, [...features, ...args], { stdio: ["ignore", "inherit", "inherit"] });

const indexPath = join(dir, "index.html");
const tag = /<script type="module" src="([^"]*)loader\.js"/;
const addToTag = (attributes) => {
  const html = readFileSync(indexPath, "utf8");
  if (!tag.test(html)) throw new Error("split.mjs: index.html has no loader.js script tag");
  writeFileSync(indexPath, html.replace(tag, (m, base) => `${m} ${attributes(base)}`));
};

if (mode === "instrument") {
  run([whole, "--instrument", "-o", wasmPath]);
  addToTag(() => "data-fairlog-profile");
  console.log(`split.mjs: ${wasmName} instrumented for scripts/split-profile.mjs`);
  process.exit(0);
}

// web/first-show.txt names the functions as binaryen does. rustc's hashes in them stay the same
// from build to build of the same code and toolchain; a name the build no longer has (the code
// changed) keeps every function of its name without the hash (and binaryen's `.N`).
const wanted = readFileSync(join(root, "web", "first-show.txt"), "utf8")
  .split("\n")
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith("#"));
const names = functionNames(readFileSync(whole));
const present = new Set(names.filter(Boolean));
const missingNames = wanted.filter((n) => !present.has(n));
const missing = new Set(missingNames.map(stable));
const exact = new Set(wanted);
const keep = names.filter((n) => n && (exact.has(n) || missing.has(stable(n))));
const keepFile = join(work, "keep.txt");
writeFileSync(keepFile, keep.join("\n") + "\n");
const primary = join(work, "primary.wasm");
const rest = join(work, "rest.wasm");
run([
  whole,
  `--keep-funcs=@${keepFile}`,
  "--placeholder-namespace=placeholder",
  "--import-namespace=primary",
  "--export-prefix=%",
  "-o1",
  primary,
  "-o2",
  rest,
]);
copyFileSync(primary, wasmPath);
copyFileSync(rest, join(dir, restName));

// The table the placeholders sit in: the app's function table, which the rest imports beside
// wasm-bindgen's table of JS values.
const restModule = new WebAssembly.Module(readFileSync(rest));
const tables = WebAssembly.Module.imports(restModule).filter(
  (i) => i.kind === "table" && i.name !== "__wbindgen_externrefs",
);
if (tables.length !== 1) throw new Error(`split.mjs: the rest imports ${tables.length} function tables, expected 1`);
addToTag((base) => `data-fairlog-rest="${base}${restName}" data-fairlog-rest-table="${tables[0].name}"`);
if (missingNames.length > wanted.length / 10) {
  console.warn(
    `split.mjs: ${missingNames.length} of the ${wanted.length} names in web/first-show.txt are not in this build; ` +
      "the first pages may wait for the rest: run scripts/split-profile",
  );
}
const size = (p) => readFileSync(p).length;
console.log(
  `split.mjs: ${keep.length} of ${present.size} functions stay in ${wasmName} (${size(primary)} bytes; ` +
    `${wanted.length - missingNames.length} of ${wanted.length} names of web/first-show.txt found as they are); ` +
    `${restName} ${size(rest)} bytes`,
);
