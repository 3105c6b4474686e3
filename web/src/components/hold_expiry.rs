//! Records expired holds and offers: when the app has loaded and then every minute, if a
//! deadline has passed, it sends `BookingCommand::ExpireHolds`, so the expiry (and the waitlist
//! offer that follows) is an event in the log, never a silent change.
use fairlog_domain::booking::BookingCommand;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

use crate::hooks::{use_command, CommandHandle};
use crate::session::use_prefs;
use crate::store::{now, use_app, Store};

const EVERY_MS: i32 = 60_000;

fn due(store: &Store) -> bool {
    let engine = store.engine();
    engine.state().deadlines.get_min().is_some_and(|((until, _), _)| *until <= now())
}

fn expire(command: &CommandHandle) {
    if !due(&command.commander().store) {
        return;
    }
    // Quietly: no "saved" notice for a background record. A failure (another tab recorded it
    // first, storage full) is retried at the next tick.
    command.record_quietly(BookingCommand::ExpireHolds);
}

#[component]
pub fn HoldExpiry() -> Html {
    let app = use_app();
    let command = use_command();
    let actor = use_prefs().session.actor();
    let ready = app.writable();
    // The handle sends as the session's actor: a new actor makes a new ticker.
    use_effect_with((ready, actor), move |(ready, _)| {
        let mut cleanup: Option<(i32, Closure<dyn FnMut()>)> = None;
        if *ready {
            expire(&command);
            let tick = Closure::<dyn FnMut()>::new(move || expire(&command));
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
