//! The release wasm comes in two parts (`scripts/split.mjs`, `web/loader.js`): the functions
//! the app runs until its first page shows (the welcome card, sign-in and sign-up, the first
//! run), and the rest, which `web/loader.js` fetches and compiles as soon as the first part
//! runs. Reading a season (a snapshot, a replay, the server's lines) runs in the rest, so the
//! store waits for it here first, off the main thread's critical path, instead of having the
//! first call into it load it synchronously. The page shows its loading line meanwhile.

use wasm_bindgen::JsCast;

/// Resolves once the rest of the app is in: at once in a build in one part (no
/// `window.fairlogRest`), or when the loader has instantiated the rest. A rest that could not
/// be loaded also resolves it: the first call into it then tries again at once, and says so in
/// both languages if it cannot (`web/loader.js`), so nothing runs half-loaded.
pub(crate) async fn rest_of_app() {
    let Some(window) = web_sys::window() else { return };
    let Ok(value) = js_sys::Reflect::get(&window, &"fairlogRest".into()) else { return };
    let Ok(promise) = value.dyn_into::<js_sys::Promise>() else { return };
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
