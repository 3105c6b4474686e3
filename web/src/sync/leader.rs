//! One tab syncs: the tab that holds the Web Lock `fairlog-sync` runs the pusher and the follower;
//! the other tabs of the profile wait for the lock and meanwhile hear of new events and of
//! queued commands over the store's BroadcastChannel. When the syncing tab closes, the browser
//! hands the lock to the next waiting tab, which starts syncing.
//!
//! The lock is taken through `navigator.locks` by reflection (web-sys has it only behind
//! `--cfg=web_sys_unstable_apis`). Where the API is missing every tab syncs, which is safe, only
//! wasteful: the server answers a repeated push as before and a second copy of a confirmed event
//! is refused by the store's sequence keys.
use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;

pub const SYNC_LOCK: &str = "fairlog-sync";

/// Run `start` once this tab holds the sync lock (at once where Web Locks are missing). Returns
/// whether the lock API was there.
pub fn when_leader(start: impl FnOnce() + 'static) -> bool {
    let Some(locks) = locks() else {
        start();
        return false;
    };
    let Ok(request) = Reflect::get(&locks, &JsValue::from_str("request")).and_then(|f| f.dyn_into::<Function>()) else {
        start();
        return false;
    };
    type Once = RefCell<Option<Box<dyn FnOnce()>>>;
    let start: Rc<Once> = Rc::new(RefCell::new(Some(Box::new(start))));
    let run = {
        let start = Rc::clone(&start);
        move || {
            let once = start.borrow_mut().take();
            if let Some(f) = once {
                f();
            }
        }
    };
    let on_grant = run.clone();
    // The lock is held for as long as the promise the callback returns is pending: for good.
    let granted = Closure::<dyn FnMut(JsValue) -> Promise>::new(move |_lock: JsValue| {
        on_grant();
        Promise::new(&mut |_resolve, _reject| {})
    });
    let asked = request.call2(&locks, &JsValue::from_str(SYNC_LOCK), granted.as_ref().unchecked_ref());
    granted.forget();
    if asked.is_err() {
        run();
        return false;
    }
    true
}

fn locks() -> Option<JsValue> {
    let navigator = web_sys::window()?.navigator();
    let locks = Reflect::get(&navigator, &JsValue::from_str("locks")).ok()?;
    (!locks.is_undefined() && !locks.is_null()).then_some(locks)
}
