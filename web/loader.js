// Starts the wasm app. Kept out of index.html so that the Content-Security-Policy allows only
// same-origin scripts (no inline script, no nonce). Trunk fills in the hashed file names.
const tag = document.querySelector("script[data-fairlog-js]");
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
