//! Keeps the store's snapshot fresh: a few seconds after the last change, the store writes one
//! if it is due (`Store::keep_snapshot`), so that a command never waits for it.
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use crate::store::AppModel;

/// Quiet time after a change before a due snapshot is written.
const AFTER_MS: u32 = 3_000;

#[hook]
pub fn use_snapshot_keeper(model: &UseReducerHandle<AppModel>) {
    let timer = use_mut_ref(|| None::<Timeout>);
    let store = Rc::clone(&model.store);
    let ready = model.phase == crate::store::Phase::Ready;
    use_effect_with((model.revision, ready), move |(_, ready)| {
        if *ready {
            let keep = Timeout::new(AFTER_MS, move || {
                wasm_bindgen_futures::spawn_local(async move {
                    let started = js_sys::Date::now();
                    if let Some(seq) = store.keep_snapshot().await {
                        web_sys::console::info_1(
                            &format!(
                                "fairlog: snapshot of the state after event {seq} kept in {:.0} ms",
                                js_sys::Date::now() - started
                            )
                            .into(),
                        );
                    }
                });
            });
            // A newer change restarts the wait (dropping a Timeout cancels it).
            *timer.borrow_mut() = Some(keep);
        }
    });
}
