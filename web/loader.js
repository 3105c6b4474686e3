// Starts the wasm app. Kept out of index.html so that the Content-Security-Policy allows only
// same-origin scripts (no inline script, no nonce). Trunk fills in the hashed file names.
const tag = document.querySelector("script[data-fairlog-js]");
// Offline: a service worker keeps this release's files (a new release is a new worker and cache).
if ("serviceWorker" in navigator && location.protocol !== "file:") {
  const release = tag.dataset.fairlogWasm.split("/").pop();
  navigator.serviceWorker.register(`sw.js?v=${encodeURIComponent(release)}`).catch(() => {});
}
// Start reading the kept snapshot of the state (IndexedDB "fairlog", store "snapshots", key 0:
// web/src/store/snapshot.rs) while the wasm downloads and compiles; the app takes the bytes from
// `window.fairlogSnapshot` once and checks them as it checks any snapshot (a stale or foreign
// one is only a slower start). Only a database that exists is opened (opening a missing one
// would create it), at its current version, and closed at once, or as soon as another tab asks.
window.fairlogSnapshot = (async () => {
  if (!indexedDB.databases || !(await indexedDB.databases()).some((d) => d.name === "fairlog")) return null;
  return new Promise((resolve) => {
    const open = indexedDB.open("fairlog");
    open.onupgradeneeded = () => open.transaction.abort();
    open.onerror = () => resolve(null);
    open.onsuccess = () => {
      const db = open.result;
      db.onversionchange = () => db.close();
      try {
        const get = db.transaction("snapshots", "readonly").objectStore("snapshots").get(0);
        get.onsuccess = () => resolve(get.result instanceof Uint8Array ? get.result : null);
        get.onerror = () => resolve(null);
      } catch {
        resolve(null);
      }
      db.close();
    };
  });
})().catch(() => null);

// A release build comes in two parts (scripts/split.mjs): the functions the app runs until its
// first page shows (the welcome card, sign-in and sign-up, the first run), and the rest,
// `data-fairlog-rest`, which is fetched as soon as the first part is instantiated. Until the rest
// is in, each moved function's slot in the function table holds a placeholder; instantiating the
// rest writes the real functions over them. `window.fairlogRest` resolves once it is in (or could
// not be loaded): the app waits for it before it reads a season (web/src/store/rest_of_app.rs).
// A placeholder that is called first loads the rest at once (synchronously: it runs inside wasm)
// and then calls the real function, so nothing depends on which part arrives first.
const restUrl = tag.dataset.fairlogRest;
let primary = null; // the first part's exports
let rest = null; // the rest's instance, once it is in
let restBytes = null; // the rest's bytes, once fetched
let restSettled = () => {};
if (restUrl) window.fairlogRest = new Promise((resolve) => (restSettled = resolve));
const showError = (text, err) => {
  let boot = document.getElementById("boot");
  if (!boot) {
    // The app has replaced the loading line: a banner over the page instead.
    boot = document.body.appendChild(document.createElement("div"));
    boot.id = "boot";
    boot.className = "boot-alert";
  }
  boot.classList.add("boot", "boot-error");
  boot.setAttribute("role", "alert");
  boot.textContent = `${text} ${String(err)}`;
};
function instantiateRest(module) {
  if (!rest) rest = new WebAssembly.Instance(module, { primary });
  restSettled(true);
}
function loadRestNow() {
  if (rest) return;
  const started = performance.now();
  let bytes = restBytes;
  if (!bytes) {
    const xhr = new XMLHttpRequest();
    xhr.open("GET", restUrl, false);
    xhr.overrideMimeType("text/plain; charset=x-user-defined");
    xhr.send();
    if (xhr.status !== 200) throw new Error(`${restUrl}: HTTP ${xhr.status}`);
    const text = xhr.responseText;
    bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  }
  instantiateRest(new WebAssembly.Module(bytes));
  console.info(`fairlog: the rest of the app was needed before it arrived; loaded at once in ${Math.round(performance.now() - started)} ms`);
}
const placeholders = new Proxy(
  {},
  {
    get: (_, name) => {
      const slot = Number(name);
      return (...args) => {
        try {
          loadRestNow();
        } catch (err) {
          showError("Fairlog 无法载入其余部分，请检查网络后刷新页面。 Fairlog could not load the rest of the app; check the network and reload.", err);
          throw err;
        }
        return primary[tag.dataset.fairlogRestTable].get(slot)(...args);
      };
    },
  },
);
async function loadRest() {
  const started = performance.now();
  const response = await fetch(restUrl);
  if (!response.ok) throw new Error(`${restUrl}: HTTP ${response.status}`);
  restBytes = new Uint8Array(await response.arrayBuffer());
  if (rest) return;
  const module = await WebAssembly.compile(restBytes);
  instantiateRest(module);
  console.info(`fairlog: the rest of the app (${restBytes.length} bytes) in ${Math.round(performance.now() - started)} ms`);
}

const { instantiate, instantiateStreaming } = WebAssembly;
try {
  const { default: init } = await import(tag.dataset.fairlogJs);
  if (restUrl) {
    // The wasm-bindgen glue instantiates the first part with its own imports; the placeholders
    // are added to them, and the instance is kept before the glue starts the app.
    const withPlaceholders = (imports) => ({ ...imports, placeholder: placeholders });
    const keep = (result) => {
      primary = (result.instance ?? result).exports;
      // The first part's bytes are in: fetch the rest while the app starts.
      loadRest().catch((err) => {
        console.warn("fairlog: the rest of the app did not load yet; it is loaded on first use", err);
        restSettled(false);
      });
      return result;
    };
    WebAssembly.instantiateStreaming = (source, imports) =>
      instantiateStreaming(source, withPlaceholders(imports)).then(keep);
    WebAssembly.instantiate = (source, imports) => instantiate(source, withPlaceholders(imports)).then(keep);
  }
  try {
    const exports = await init({ module_or_path: tag.dataset.fairlogWasm });
    if ("fairlogProfile" in tag.dataset) {
      // A build instrumented by wasm-split (FAIRLOG_SPLIT=instrument): which functions ran so
      // far, read by scripts/split-profile.mjs.
      window.fairlogProfile = () => {
        const size = exports.__write_profile(0, 0);
        const at = exports.__wbindgen_malloc(size, 1);
        exports.__write_profile(at, size);
        return Array.from(new Uint8Array(exports.memory.buffer, at, size));
      };
    }
  } finally {
    WebAssembly.instantiate = instantiate;
    WebAssembly.instantiateStreaming = instantiateStreaming;
  }
} catch (err) {
  showError("无法启动 Fairlog（浏览器需要支持 WebAssembly）。 Fairlog could not start (the browser needs WebAssembly).", err);
  throw err;
}
