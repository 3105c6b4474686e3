// Starts the wasm app. Kept out of index.html so that the Content-Security-Policy allows only
// same-origin scripts (no inline script, no nonce). Trunk fills in the hashed file names.
const tag = document.querySelector("script[data-fairlog-js]");
// Offline: a service worker keeps this release's files (a new release is a new worker and cache).
if ("serviceWorker" in navigator && location.protocol !== "file:") {
  const release = tag.dataset.fairlogWasm.split("/").pop();
  navigator.serviceWorker.register(`sw.js?v=${encodeURIComponent(release)}`).catch(() => {});
}
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
