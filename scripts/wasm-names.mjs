// The function names of a wasm module as binaryen 116 names them once it has read the module's
// "name" section (subsection 1): each name escaped (`\xx` for a byte that is not an id character
// of the text format) and made unique in the section's order (`name.1`, `name.2`, …). These are
// the names wasm-split's `--keep-funcs` and `--print-profile` use. Indexed by function index.
// Used by scripts/split.mjs and scripts/split-profile.mjs.
export function functionNames(bytes) {
  const names = [];
  let at = 8; // magic and version
  const leb = () => {
    let value = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[at++];
      value += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return value;
      shift += 7;
    }
  };
  const raw = (len) => bytes.subarray(at, (at += len));
  const used = new Set();
  let functions = 0;
  let imported = 0;
  while (at < bytes.length) {
    const id = bytes[at++];
    const size = leb();
    const end = at + size;
    if (id === 2) functions += imported = importedFunctions();
    if (id === 3) functions += leb();
    if (id === 0 && new TextDecoder().decode(raw(leb())) === "name") {
      while (at < end) {
        const sub = bytes[at++];
        const subSize = leb();
        const subEnd = at + subSize;
        if (sub === 1) {
          for (let n = leb(); n > 0; n--) {
            const index = leb();
            const base = escape(raw(leb()));
            let name = base;
            for (let i = 1; used.has(name); i++) name = `${base}.${i}`;
            used.add(name);
            names[index] = name;
          }
        }
        at = subEnd;
      }
    }
    at = end;
  }
  // A function the section leaves out keeps binaryen's temporary name: `fimport$N` for the Nth
  // import, else its index among the module's own functions (made unique).
  for (let i = 0; i < functions; i++) {
    if (names[i] !== undefined) continue;
    const base = i < imported ? `fimport$${i}` : String(i - imported);
    let name = base;
    for (let k = 1; used.has(name); k++) name = `${base}.${k}`;
    used.add(name);
    names[i] = name;
  }
  return names;

  function importedFunctions() {
    let n = 0;
    for (let count = leb(); count > 0; count--) {
      for (let k = 0; k < 2; k++) {
        const len = leb();
        at += len;
      }
      const kind = bytes[at++];
      if (kind === 0) {
        leb();
        n++;
      } else if (kind === 1 || kind === 2) {
        if (kind === 1) at++; // the table's element type
        const flags = bytes[at++];
        leb();
        if (flags & 1) leb();
      } else if (kind === 3) {
        at += 2;
      } else {
        leb(); // a tag
        at++;
      }
    }
    return n;
  }
}

const ID = /^[0-9A-Za-z!#$%&'*+\-./:<=>?@^_`|~]$/;
// binaryen's WasmBinaryReader::escape, byte by byte (a byte past 0x7f is a negative `char` there,
// and its high nibble comes out as it does in C++).
function escape(bytes) {
  const text = String.fromCharCode(...bytes);
  if ([...text].every((c) => ID.test(c))) return new TextDecoder().decode(bytes);
  let out = "";
  for (const b of bytes) {
    const c = String.fromCharCode(b);
    if (b < 0x80 && ID.test(c)) {
      out += c;
      continue;
    }
    const signed = b < 0x80 ? b : b - 256;
    const nibble = (n) => String.fromCharCode(n < 10 ? 48 + n : 97 - 10 + n);
    out += "\\" + nibble(signed >> 4) + nibble(signed & 15);
  }
  return out;
}

// A name without binaryen's `.N` and rustc's hash suffix, so that a list of names outlives a
// rebuild (the monomorphisations of one generic share it).
export const stable = (name) => name.replace(/\.\d+$/, "").replace(/::h[0-9a-f]{16}$/, "");

// The module without its "name" custom section (what wasm-opt writes without `--debuginfo`).
export function withoutNames(bytes) {
  const parts = [bytes.subarray(0, 8)];
  let at = 8;
  const leb = () => {
    let value = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[at++];
      value += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return value;
      shift += 7;
    }
  };
  while (at < bytes.length) {
    const start = at;
    const id = bytes[at++];
    const size = leb();
    const body = at;
    at = body + size;
    if (id === 0) {
      const saved = at;
      at = body;
      const len = leb();
      const name = new TextDecoder().decode(bytes.subarray(at, at + len));
      at = saved;
      if (name === "name") continue;
    }
    parts.push(bytes.subarray(start, at));
  }
  return Buffer.concat(parts);
}
