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

/// Run `work` while this tab holds the Web Lock `name` exclusively (at once where Web Locks are
/// missing). Local mode's appends, merges and imports go through the lock of their database, so
/// tabs take turns; the IndexedDB transactions check the store's real end as well, so the
/// fallback stays safe (a tab that lost the race is told `Conflict` and reads the store again).
pub async fn exclusively<T>(name: &str, work: impl std::future::Future<Output = T>) -> T {
    let Some(request) = locks().and_then(|l| {
        let f = Reflect::get(&l, &JsValue::from_str("request")).ok()?.dyn_into::<Function>().ok()?;
        Some((l, f))
    }) else {
        return work.await;
    };
    let (locks, request) = request;
    let (granted_tx, granted_rx) = futures::channel::oneshot::channel::<()>();
    let release: Rc<RefCell<Option<Function>>> = Rc::new(RefCell::new(None));
    let on_grant = {
        let release = Rc::clone(&release);
        let mut granted_tx = Some(granted_tx);
        Closure::<dyn FnMut(JsValue) -> Promise>::new(move |_lock: JsValue| {
            let release = Rc::clone(&release);
            // Held until `release` resolves this promise.
            let held = Promise::new(&mut |resolve, _reject| *release.borrow_mut() = Some(resolve));
            if let Some(tx) = granted_tx.take() {
                let _ = tx.send(());
            }
            held
        })
    };
    let asked = request.call2(&locks, &JsValue::from_str(name), on_grant.as_ref().unchecked_ref());
    if asked.is_err() || granted_rx.await.is_err() {
        return work.await;
    }
    let out = work.await;
    if let Some(resolve) = release.borrow_mut().take() {
        let _ = resolve.call0(&JsValue::UNDEFINED);
    }
    drop(on_grant);
    out
}
