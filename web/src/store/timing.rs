//! Figures for the benchmarks (`scripts/bench`, `tests/e2e/seed-bench.mjs`): how long a command
//! took, as User Timing measures the page can read (`performance.getEntriesByName`), so that a
//! benchmark times the app's own work rather than its clicks. `fairlog:decide` is the command's
//! synchronous part (decide, seal, evolve), `fairlog:command` the whole run with its IndexedDB
//! write. Nothing is shown to the user; a browser without the API records nothing.

/// Now, in the page's high-resolution milliseconds.
pub fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or_else(js_sys::Date::now)
}

/// Record `name` lasting `duration` ms and ending now (`performance.measure(name, {start, duration})`).
pub fn measure(name: &str, start: f64, duration: f64) {
    let Some(perf) = web_sys::window().and_then(|w| w.performance()) else { return };
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"start".into(), &start.into());
    let _ = js_sys::Reflect::set(&options, &"duration".into(), &duration.into());
    if let Ok(f) = js_sys::Reflect::get(&perf, &"measure".into()) {
        if let Some(f) = wasm_bindgen::JsCast::dyn_ref::<js_sys::Function>(&f) {
            let _ = f.call2(&perf, &name.into(), &options);
        }
    }
}

/// The wasm instance's linear memory now, in MiB (it grows and is never given back).
pub fn wasm_memory_mib() -> f64 {
    let memory = wasm_bindgen::memory();
    js_sys::Reflect::get(&memory, &"buffer".into())
        .ok()
        .and_then(|b| js_sys::Reflect::get(&b, &"byteLength".into()).ok())
        .and_then(|n| n.as_f64())
        .map(|n| n / 1_048_576.0)
        .unwrap_or(0.0)
}
