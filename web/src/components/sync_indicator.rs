use yew::prelude::*;

use crate::i18n::fill;
use crate::session::use_prefs;
use crate::store::use_app;
use crate::sync::text::ST;

/// Server mode: online or offline, how many changes wait for the server, when it last answered.
/// Shows nothing in the local-only app.
#[component]
pub fn SyncIndicator() -> Html {
    let app = use_app();
    let lang = use_prefs().lang;
    let Some(status) = app.store.sync_status() else { return html! {} };
    if status.diverged {
        return html! { <span class="sync sync-problem" role="status">{ ST::Diverged.get(lang) }</span> };
    }
    let state = match (status.heard, status.online) {
        (false, _) => ST::Connecting,
        (true, true) => ST::Online,
        (true, false) => ST::Offline,
    };
    // "All synced" only once the follower has reached the server's head since the app opened;
    // before that, syncing (online) or simply nothing waiting (offline).
    let waiting = match status.waiting {
        0 if status.caught_up => ST::AllSynced.get(lang).to_owned(),
        0 if status.online || !status.heard => ST::CatchingUp.get(lang).to_owned(),
        0 => ST::NothingWaiting.get(lang).to_owned(),
        1 => ST::WaitingOne.get(lang).to_owned(),
        n => fill(ST::Waiting.get(lang), &[("n", n.to_string())]),
    };
    let last = status.last_synced.map(|ms| {
        let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
        let time = format!("{:02}:{:02}:{:02}", d.get_hours(), d.get_minutes(), d.get_seconds());
        fill(ST::LastSynced.get(lang), &[("time", time)])
    });
    let class = classes!(
        "sync",
        match (status.heard, status.online) {
            (false, _) => "sync-connecting",
            (true, true) => "sync-online",
            (true, false) => "sync-offline",
        }
    );
    html! {
        <span {class} role="status" aria-label={ST::IndicatorLabel.get(lang)} data-waiting={status.waiting.to_string()}>
            <span class="sync-state">{ state.get(lang) }</span>
            { " · " }
            <span class="sync-waiting">{ waiting }</span>
            if let Some(last) = last { { " · " }<span class="sync-last">{ last }</span> }
        </span>
    }
}
