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
try {
  const { default: init } = await import(tag.dataset.fairlogJs);
  await init({ module_or_path: tag.dataset.fairlogWasm });
} catch (err) {
  const boot = document.getElementById("boot");
  if (boot) {
    boot.textContent =
      "无法启动 Fairlog（浏览器需要支持 WebAssembly）。 Fairlog could not start (the browser needs WebAssembly). " +
      String(err);
    boot.classList.add("boot-error");
  }
  throw err;
}
