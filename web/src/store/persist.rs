//! Persistent storage: `navigator.storage.persist()` asks the browser not to clear this site's
//! data under storage pressure. It is asked once, when the first own data is stored (a command
//! of one actor, or an imported or merged file; not the demo season, whose commands say many
//! actors, and not on an empty start), and the page shows whether it was granted
//! (`components::local_storage`). Server mode does not ask: its data is on the server.
//!
//! `navigator.storage` is reached by reflection (web-sys has it behind a feature this crate does
//! not otherwise need); where it is missing the page says so.
use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;

use super::Store;

/// What the browser said about keeping this site's data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Persistence {
    /// Not known yet (before the store is loaded).
    Unknown,
    /// The browser has no `navigator.storage.persist`.
    Unsupported,
    /// Not asked yet: nothing of the user's own is stored.
    NotAsked,
    /// The data is kept until the user deletes it.
    Granted,
    /// Asked and not granted: the browser may clear the data when space runs low.
    NotGranted,
}

fn storage_manager() -> Option<JsValue> {
    let navigator = web_sys::window()?.navigator();
    let storage = Reflect::get(&navigator, &"storage".into()).ok()?;
    (!storage.is_undefined() && !storage.is_null()).then_some(storage)
}

/// Call `navigator.storage.<method>()` and read its boolean answer.
async fn ask(method: &str) -> Option<bool> {
    let storage = storage_manager()?;
    let f = Reflect::get(&storage, &method.into()).ok()?.dyn_into::<Function>().ok()?;
    let promise = f.call0(&storage).ok()?.dyn_into::<Promise>().ok()?;
    wasm_bindgen_futures::JsFuture::from(promise).await.ok()?.as_bool()
}

fn asked_key(db_name: &str) -> String {
    format!("fairlog.persist-asked.{db_name}")
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

impl Store {
    /// What the browser said about keeping the data.
    pub fn persistence(&self) -> Persistence {
        self.persistence.get()
    }

    /// Read whether the data is persistent already (on load; nothing is asked).
    pub(super) async fn read_persistence(&self) {
        let state = match ask("persisted").await {
            None => Persistence::Unsupported,
            Some(true) => Persistence::Granted,
            Some(false) => {
                let asked = local_storage()
                    .and_then(|s| s.get_item(&asked_key(&self.db_name.borrow())).ok().flatten())
                    .is_some();
                if asked {
                    Persistence::NotGranted
                } else {
                    Persistence::NotAsked
                }
            }
        };
        self.persistence.set(state);
    }

    /// Own data was just stored: ask for persistence if it has not been asked yet.
    pub(super) fn stored_own_data(&self) {
        if self.persistence.get() == Persistence::NotAsked && !self.is_replica() {
            self.persist_due.set(true);
        }
    }

    /// Is a request for persistence due (own data stored, never asked)? Taken once.
    pub fn take_persist_due(&self) -> bool {
        self.persist_due.replace(false)
    }

    /// Ask the browser to keep the data (`navigator.storage.persist()`), remember that it was
    /// asked, and say what it answered.
    pub async fn ask_persistence(&self) -> Persistence {
        let state = match ask("persist").await {
            None => Persistence::Unsupported,
            Some(true) => Persistence::Granted,
            Some(false) => Persistence::NotGranted,
        };
        if let Some(s) = local_storage() {
            let _ = s.set_item(&asked_key(&self.db_name.borrow()), "1");
        }
        self.persistence.set(state);
        state
    }
}
