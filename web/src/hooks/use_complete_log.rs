//! Pages that need every event (the history, the data page's export and merge) ask for the
//! events before the snapshot the app started from, once (`Store::ensure_complete`).
use std::rc::Rc;

use yew::prelude::*;

use crate::store::{use_app, use_commander};

/// Whether the store holds every event now; if not, reads the earlier ones and re-renders.
#[hook]
pub fn use_complete_log() -> bool {
    let app = use_app();
    let commander = use_commander();
    let complete = app.store.is_complete();
    let store = Rc::clone(&app.store);
    use_effect_with(complete, move |complete| {
        if !*complete {
            wasm_bindgen_futures::spawn_local(async move {
                if let Err(e) = store.ensure_complete().await {
                    web_sys::console::warn_1(&format!("fairlog: the earlier events could not be read: {e}").into());
                }
                commander.refresh();
            });
        }
    });
    complete
}
