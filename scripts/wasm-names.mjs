// Reading a wasm module's sections and its function names, for scripts/split.mjs and
// tests/e2e/split-profile.mjs.

// A cursor over the module's bytes with the format's unsigned LEB128 numbers.
class Reader {
  constructor(bytes, at = 0) {
    this.bytes = bytes;
    this.at = at;
  }
  u32() {
    let value = 0;
    let shift = 0;
    for (;;) {
      const b = this.bytes[this.at++];
      value += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return value;
      shift += 7;
    }
  }
  take(len) {
    return this.bytes.subarray(this.at, (this.at += len));
  }
  name() {
    return this.take(this.u32());
  }
}

// Each section: its id, where it starts (the id byte), where its contents start and end, and
// for a custom section its name.
export function* sections(bytes) {
  const r = new Reader(bytes, 8); // after the magic and version
  while (r.at < bytes.length) {
    const start = r.at;
    const id = bytes[r.at++];
    const size = r.u32();
    const body = r.at;
    const end = body + size;
    const custom = id === 0 ? new TextDecoder().decode(r.name()) : null;
    yield { id, start, body, end, custom };
    r.at = end;
  }
}

// The function names as binaryen 116 names them once it has read the module's "name" section
// (subsection 1): each name escaped (`\xx` for a byte that is not an id character of the text
// format) and made unique in the section's order (`name.1`, `name.2`, …); a function the section
// leaves out keeps binaryen's temporary name (`fimport$N` for the Nth import, else its index
// among the module's own functions). These are the names wasm-split's `--keep-funcs` and
// `--print-profile` use. Indexed by function index.
export function functionNames(bytes) {
  const names = [];
  const used = new Set();
  const unique = (base) => {
    let name = base;
    for (let i = 1; used.has(name); i++) name = `${base}.${i}`;
    used.add(name);
    return name;
  };
  let imported = 0;
  let own = 0;
  for (const s of sections(bytes)) {
    const r = new Reader(bytes, s.body);
    if (s.id === 2) imported = importedFunctions(r);
    if (s.id === 3) own = r.u32();
    if (s.custom !== "name") continue;
    r.name();
    while (r.at < s.end) {
      const sub = bytes[r.at++];
      const subEnd = r.u32() + r.at;
      if (sub === 1) {
        for (let n = r.u32(); n > 0; n--) {
          const index = r.u32();
          names[index] = unique(escape(r.name()));
        }
      }
      r.at = subEnd;
    }
  }
  for (let i = 0; i < imported + own; i++) {
    if (names[i] === undefined) names[i] = unique(i < imported ? `fimport$${i}` : String(i - imported));
  }
  return names;
}

// How many of the import section's entries are functions.
function importedFunctions(r) {
  let n = 0;
  for (let count = r.u32(); count > 0; count--) {
    r.name();
    r.name();
    const kind = r.bytes[r.at++];
    if (kind === 0) {
      r.u32();
      n++;
    } else if (kind === 1 || kind === 2) {
      if (kind === 1) r.at++; // the table's element type
      const flags = r.bytes[r.at++];
      r.u32();
      if (flags & 1) r.u32();
    } else if (kind === 3) {
      r.at += 2;
    } else {
      r.u32(); // a tag: its attribute and type
      r.at++;
    }
  }
  return n;
}

const ID = /^[0-9A-Za-z!#$%&'*+\-./:<=>?@^_`|~]$/;
// binaryen's WasmBinaryReader::escape, byte by byte (a byte past 0x7f is a negative `char` there,
// and its high nibble comes out as it does in C++).
function escape(bytes) {
  if ([...bytes].every((b) => b < 0x80 && ID.test(String.fromCharCode(b)))) return new TextDecoder().decode(bytes);
  let out = "";
  const nibble = (n) => String.fromCharCode(n < 10 ? 48 + n : 97 - 10 + n);
  for (const b of bytes) {
    const c = String.fromCharCode(b);
    if (b < 0x80 && ID.test(c)) {
      out += c;
      continue;
    }
    const signed = b < 0x80 ? b : b - 256;
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
  for (const s of sections(bytes)) if (s.custom !== "name") parts.push(bytes.subarray(s.start, s.end));
  return Buffer.concat(parts);
}
