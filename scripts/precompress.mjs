// Trunk post-build hook: write Brotli (.br) and gzip (.gz) copies of the release's text and wasm
// files beside them, so fairlog-server (tower-http ServeDir with precompressed_br/gzip) sends the
// small copy to browsers that accept it instead of compressing on every request, or not at all.
// Node's own zlib: no download. Prints what each file weighs, raw / gzip / Brotli.
import { readdirSync, readFileSync, writeFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2];
if (!dir) {
  console.error("usage: node scripts/precompress.mjs DIST (or run as a trunk hook)");
  process.exit(2);
}
const worth = /\.(wasm|js|mjs|css|html|svg|json|webmanifest)$/;
const kib = (n) => (n / 1024).toFixed(1).padStart(8) + " KiB";
for (const name of readdirSync(dir)) {
  const path = join(dir, name);
  if (!worth.test(name) || !statSync(path).isFile()) continue;
  const raw = readFileSync(path);
  const br = brotliCompressSync(raw, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      [constants.BROTLI_PARAM_MODE]: name.endsWith(".wasm") ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
    },
  });
  const gz = gzipSync(raw, { level: 9 });
  writeFileSync(path + ".br", br);
  writeFileSync(path + ".gz", gz);
  console.log(`${name.padEnd(44)} ${kib(raw.length)} ${kib(gz.length)} gzip ${kib(br.length)} br`);
}
