//! Server mode: the changes this browser made that the server refused, each with what it was and
//! why, until the user has read it. They stay across reloads and show in every tab.
use yew::prelude::*;

use crate::history_text;
use crate::i18n::{domain_error, fill, Lang};
use crate::session::use_prefs;
use crate::store::use_app;
use crate::sync::refused::RefusedChange;
use crate::sync::text::ST;
use crate::sync::Refusal;

/// Why the server refused a change, in the user's language.
pub fn refusal_text(lang: Lang, r: &Refusal) -> String {
    match r {
        Refusal::Rule(e) => domain_error(lang, e),
        Refusal::Unknown(detail) => fill(ST::UnknownCommand.get(lang), &[("detail", detail.clone())]),
    }
}

/// The list under the header: one line per refused change, with a button to dismiss it.
#[component]
pub fn RefusedChanges() -> Html {
    let app = use_app();
    let lang = use_prefs().lang;
    let list = app.store.refused();
    if list.is_empty() {
        return html! {};
    }
    let rows: Html = list.iter().rev().map(|r| html! { <RefusedRow key={r.n} change={r.clone()} /> }).collect();
    html! {
        <section class="refused-changes" aria-labelledby="refused-title">
            <h2 id="refused-title">{ ST::RefusedTitle.get(lang) }</h2>
            <ul>{ rows }</ul>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct RowProps {
    change: RefusedChange,
}

#[component]
fn RefusedRow(props: &RowProps) -> Html {
    let app = use_app();
    let lang = use_prefs().lang;
    let r = &props.change;
    let what = {
        let engine = app.store.engine();
        let state = engine.state();
        match r.events.first() {
            Some(e) => history_text::what(lang, state, e),
            None => ST::RefusedUnknownChange.get(lang).to_owned(),
        }
    };
    let who = history_text::actor_in(lang, app.store.engine().state(), &r.actor);
    let dismiss = {
        let (store, dispatch, n) = (app.store.clone(), app.dispatcher(), r.n);
        Callback::from(move |_| {
            store.dismiss_refused(n);
            dispatch.dispatch(crate::store::Action::Refresh);
        })
    };
    html! {
        <li class="refused-change">
            <span class="refused-what">{ fill(ST::RefusedLine.get(lang), &[("what", what), ("who", who)]) }</span>
            <span class="refused-why">{ fill(ST::RefusedWhy.get(lang), &[("reason", refusal_text(lang, &r.refusal))]) }</span>
            <button type="button" class="link" onclick={dismiss}>{ ST::RefusedDismiss.get(lang) }</button>
        </li>
    }
}
