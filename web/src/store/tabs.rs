//! The other tabs: a BroadcastChannel per database. A new last sequence says "read what follows";
//! the other messages say a merge or an import renumbered the log (read it all again) or, in
//! server mode, that the outbox, the refusals or the sync status changed.
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use yew::Callback;

use super::Store;

/// BroadcastChannel messages besides a new last sequence: another tab merged or imported.
pub(super) const RELOAD: &str = "reload";
/// Server mode: another tab queued commands, or the syncing tab settled some.
pub(crate) const OUTBOX_CHANGED: &str = "outbox";
/// Server mode: the list of refused changes changed.
pub(super) const REFUSED_CHANGED: &str = "refused";
/// A tab that has just opened asks the syncing tab for the sync status.
pub(super) const HELLO: &str = "hello";
pub(super) const STATUS: &str = "status:";

impl Store {
    pub(crate) fn tell_tabs(&self, message: &str) {
        if let Some(ch) = self.channel.borrow().as_ref() {
            let _ = ch.post_message(&JsValue::from_str(message));
        }
    }

    pub(super) fn announce(&self, last_seq: u64) {
        if let Some(ch) = self.channel.borrow().as_ref() {
            let _ = ch.post_message(&JsValue::from_f64(last_seq as f64));
        }
    }

    /// Listen for other tabs' writes; `on_change` runs after their events were applied.
    pub fn listen(self: &Rc<Self>, on_change: Callback<usize>) {
        let Ok(ch) = web_sys::BroadcastChannel::new(&format!("{}-events", self.db_name.borrow())) else { return };
        let store = Rc::downgrade(self);
        let handler = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let Some(store) = store.upgrade() else { return };
            let on_change = on_change.clone();
            let message = e.data().as_string();
            yew::platform::spawn_local(async move {
                if message.as_deref() == Some(OUTBOX_CHANGED) {
                    // Another tab queued a command (or settled some): push it if we sync.
                    store.restore_outbox().await;
                    store.with_replica(|r| r.kick());
                    on_change.emit(0);
                } else if message.as_deref() == Some(HELLO) {
                    store.tell_status();
                } else if let Some(status) = message.as_deref().filter(|m| m.starts_with(STATUS)) {
                    store.hear_status(status);
                    on_change.emit(0);
                } else if message.as_deref() == Some(REFUSED_CHANGED) {
                    store.with_replica(|r| r.refused = crate::sync::refused::load());
                    on_change.emit(0);
                } else if message.as_deref() == Some(RELOAD) {
                    // Another tab merged or imported: events were renumbered; read them again
                    // through a new connection (the page hears the phase, `Store::watch`).
                    let _guard = store.lock.lock().await;
                    store.reload().await;
                    on_change.emit(1);
                } else if let Ok(n) = store.sync().await {
                    if store.is_replica() {
                        // The syncing tab stored the server's events: what is pending changed too.
                        store.restore_outbox().await;
                        on_change.emit(0);
                    } else if n > 0 {
                        on_change.emit(n);
                    }
                }
            });
        });
        ch.set_onmessage(Some(handler.as_ref().unchecked_ref()));
        handler.forget();
        *self.channel.borrow_mut() = Some(ch);
        if self.is_replica() {
            self.tell_tabs(HELLO);
        }
    }

    pub(super) fn announce_reload(&self) {
        self.tell_tabs(RELOAD);
    }
}
