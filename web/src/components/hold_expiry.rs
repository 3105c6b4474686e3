//! Records expired holds and offers: when the app has loaded and then every minute, if a
//! deadline has passed, it sends `BookingCommand::ExpireHolds`, so the expiry (and the waitlist
//! offer that follows) is an event in the log, never a silent change.
use fairlog_domain::booking::BookingCommand;
use fairlog_domain::Command;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

use crate::session::use_prefs;
use crate::store::{now, use_app, use_commander, Action, Commander, Store};

const EVERY_MS: i32 = 60_000;

fn due(store: &Store) -> bool {
    let engine = store.engine();
    engine.state().deadlines.get_min().is_some_and(|((until, _), _)| *until <= now())
}

fn expire(commander: &Commander, actor: fairlog_domain::Actor) {
    if !due(&commander.store) {
        return;
    }
    let commander = commander.clone();
    yew::platform::spawn_local(async move {
        // Quietly: no "saved" notice for a background record. A failure (another tab recorded
        // it first, storage full) is retried at the next tick.
        let before = commander.store.engine().log().last_seq();
        let cmd = Command { actor, now: now(), intent: BookingCommand::ExpireHolds.into() };
        let _ = commander.store.run_unrecorded(vec![cmd]).await;
        if commander.store.engine().log().last_seq() != before {
            commander.dispatch.dispatch(Action::Changed(None));
        }
    });
}

#[component]
pub fn HoldExpiry() -> Html {
    let app = use_app();
    let commander = use_commander();
    let actor = use_prefs().session.actor();
    let ready = app.writable();
    use_effect_with((ready, actor), move |(ready, actor)| {
        let mut cleanup: Option<(i32, Closure<dyn FnMut()>)> = None;
        if *ready {
            expire(&commander, actor.clone());
            let actor = actor.clone();
            let tick = Closure::<dyn FnMut()>::new(move || expire(&commander, actor.clone()));
            if let Some(w) = web_sys::window() {
                if let Ok(handle) =
                    w.set_interval_with_callback_and_timeout_and_arguments_0(tick.as_ref().unchecked_ref(), EVERY_MS)
                {
                    cleanup = Some((handle, tick));
                }
            }
        }
        move || {
            if let (Some((handle, _tick)), Some(w)) = (cleanup, web_sys::window()) {
                w.clear_interval_with_handle(handle);
            }
        }
    });
    html! {}
}
