//! Header controls of the enterprise role: which registered enterprise the user acts for
//! (remembered in localStorage, recorded as the actor's `subject` on every event), and the
//! enterprise's own pages.
use fairlog_domain::enterprise::Enterprise;
use fairlog_domain::Role;
use uuid::Uuid;
use yew::prelude::*;
use yew_router::prelude::*;

use super::select_value;
use crate::app::Route;
use crate::enterprise_texts::ET;
use crate::session::{use_prefs, Session};
use crate::store::use_app;

const REGISTER: &str = "register";

/// "Acting for: [registered enterprise | register a new one]", shown for the enterprise role.
#[component]
pub fn ActingEnterprise() -> Html {
    let prefs = use_prefs();
    let app = use_app();
    let navigator = use_navigator();
    let lang = prefs.lang;
    if prefs.session.role != Role::Enterprise {
        return html! {};
    }
    let engine = app.store.engine();
    let mut enterprises: Vec<&Enterprise> = engine.state().enterprises.values().collect();
    enterprises.sort_by(|a, b| a.profile.name.cmp(&b.profile.name));
    let current = prefs.session.subject;
    let onchange = {
        let set = prefs.set_session.clone();
        let session = prefs.session.clone();
        let app = app.clone();
        Callback::from(move |e: Event| {
            let v = select_value(&e);
            if v == REGISTER {
                // A fresh form each time (the page is keyed by this push), and the picker keeps
                // showing whom one acts for, so choosing it again is a change again.
                if let Some(n) = &navigator {
                    n.push_with_state(&Route::RegisterEnterprise, js_sys::Date::now() as u64);
                }
                let keep = session.subject.map(|s| s.to_string()).unwrap_or_default();
                e.target_unchecked_into::<web_sys::HtmlSelectElement>().set_value(&keep);
                return;
            }
            let subject = Uuid::parse_str(&v).ok();
            set.emit(Session { subject, ..session.clone() }.following_subject(app.store.engine().state()));
        })
    };
    let known = current.is_some_and(|c| enterprises.iter().any(|e| e.id.0 == c));
    html! {
        <div class="acting-enterprise">
            <label for="acting-enterprise">{ ET::ActingForEnterprise.get(lang) }</label>
            <select id="acting-enterprise" {onchange}>
                <option value="" selected={!known}>{ ET::ChooseEnterprise.get(lang) }</option>
                { for enterprises.iter().map(|e| html! {
                    <option key={e.id.to_string()} value={e.id.to_string()} selected={current == Some(e.id.0)}>{ e.profile.name.clone() }</option>
                }) }
                <option value={REGISTER}>{ ET::RegisterNewEnterprise.get(lang) }</option>
            </select>
        </div>
    }
}

/// Links to the enterprise's pages, for the enterprise role.
#[component]
pub fn EnterpriseNav() -> Html {
    let prefs = use_prefs();
    let lang = prefs.lang;
    if prefs.session.role != Role::Enterprise {
        return html! {};
    }
    html! {
        <>
            <Link<Route> to={Route::BoothFairs}>{ ET::NavBookBooth.get(lang) }</Link<Route>>
            <Link<Route> to={Route::MyBookings}>{ ET::NavMyBookings.get(lang) }</Link<Route>>
            <Link<Route> to={Route::MyPosts}>{ ET::NavMyPosts.get(lang) }</Link<Route>>
            <Link<Route> to={Route::MyAgenda}>{ ET::NavMyAgenda.get(lang) }</Link<Route>>
            <Link<Route> to={Route::EnterpriseProfile}>{ ET::NavMyEnterprise.get(lang) }</Link<Route>>
        </>
    }
}
