use fairlog_domain::Role;
use wasm_bindgen::JsCast;
use yew::prelude::*;
use yew_router::prelude::*;

use super::{input_value, select_value, ActingEnterprise, EnterpriseNav};
use crate::app::Route;
use crate::i18n::{role, T};
use crate::session::{use_prefs, Session};
use crate::store::use_app;

/// "Skip to content": moves focus to the main region (a plain `#main` link would be read as a
/// route by the hash router).
#[component]
pub fn SkipLink() -> Html {
    let lang = use_prefs().lang;
    let onclick = Callback::from(|e: MouseEvent| {
        e.prevent_default();
        if let Some(main) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("main"))
            .and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = main.focus();
        }
    });
    html! { <a class="skip" href="" {onclick}>{ T::SkipToContent.get(lang) }</a> }
}

/// After a navigation, focus goes to the new page's heading (so the next Tab reaches its first
/// field, not the rest of the navigation), as a screen reader user would expect. Not on the
/// first load.
#[component]
pub fn FocusOnNavigate() -> Html {
    let path = use_location().map(|l| l.path().to_owned()).unwrap_or_default();
    let first = use_mut_ref(|| true);
    use_effect_with(path, move |_| {
        if std::mem::replace(&mut *first.borrow_mut(), false) {
            return;
        }
        // After the new page has rendered.
        yew::platform::spawn_local(async {
            let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
            let target = doc
                .query_selector("main h1")
                .ok()
                .flatten()
                .or_else(|| doc.get_element_by_id("main"))
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(el) = target {
                if !el.has_attribute("tabindex") {
                    let _ = el.set_attribute("tabindex", "-1");
                }
                let _ = el.focus();
            }
        });
    });
    html! {}
}

#[component]
pub fn AppHeader() -> Html {
    let lang = use_prefs().lang;
    let app = use_app();
    // Signed in to a server, the account says who acts: no picker, no name box.
    let account = crate::account::use_signed_in();
    let organizer = account.as_ref().is_some_and(|a| a.role == Role::Organizer);
    // Signed in, the account's role is who acts: the organizers' planning pages (new fair, key
    // enterprises, commissioners; every command on them is `organizer_only`) are not offered to
    // an enterprise or a host. In this browser alone the role can be switched, so all show.
    let plans = account.is_none() || organizer;
    if crate::account::use_signed_out() {
        // Signing in first: nothing to choose or navigate to yet.
        return html! {
            <header class="app-header">
                <span class="brand">{ T::AppTitle.get(lang) }</span>
                <div class="header-tools"><LanguageToggle /></div>
            </header>
        };
    }
    html! {
        <header class="app-header">
            <Link<Route> to={Route::Fairs} classes="brand">{ T::AppTitle.get(lang) }</Link<Route>>
            <nav aria-label={lang.pick("主导航", "Main")}>
                <Link<Route> to={Route::Fairs}>{ T::NavFairs.get(lang) }</Link<Route>>
                if plans { <Link<Route> to={Route::NewFair}>{ T::NavNewFair.get(lang) }</Link<Route>> }
                <Link<Route> to={Route::Dashboard}>{ T::NavDashboard.get(lang) }</Link<Route>>
                <Link<Route> to={Route::History}>{ T::NavHistory.get(lang) }</Link<Route>>
                <Link<Route> to={Route::Data}>{ T::NavData.get(lang) }</Link<Route>>
                <EnterpriseNav />
                <Link<Route> to={Route::Live}>{ crate::live_text::LT::NavLive.get(lang) }</Link<Route>>
                <Link<Route> to={Route::Series}>{ T::NavSeries.get(lang) }</Link<Route>>
                if plans {
                    <Link<Route> to={Route::KeyEnterprises}>{ T::NavKeyEnterprises.get(lang) }</Link<Route>>
                    <Link<Route> to={Route::Commissioner}>{ T::NavCommissioner.get(lang) }</Link<Route>>
                }
                if organizer {
                    <Link<Route> to={Route::Accounts}>{ crate::account::text::AT::NavAccounts.get(lang) }</Link<Route>>
                }
            </nav>
            <div class="header-tools">
                <super::SyncIndicator />
                // (Undo is a step of one's own in this browser's log; on a shared server log it
                // is not offered yet, rather than two buttons that never enable.)
                if !app.store.is_replica() { <super::UndoRedo /> }
                if account.is_some() {
                    <crate::account::AccountMenu />
                } else {
                    <RoleSwitcher />
                    <ActingEnterprise />
                }
                <LanguageToggle />
            </div>
        </header>
    }
}

/// Choose who you act as; every event records it.
#[component]
pub fn RoleSwitcher() -> Html {
    let prefs = use_prefs();
    let lang = prefs.lang;
    let app = use_app();
    let on_role = {
        let set = prefs.set_session.clone();
        let app = app.clone();
        Callback::from(move |e: Event| {
            if let Some(r) = Role::from_key(&select_value(&e)) {
                set.emit(Session::for_role(r).following_subject(app.store.engine().state()));
            }
        })
    };
    let on_name = {
        let set = prefs.set_session.clone();
        let session = prefs.session.clone();
        Callback::from(move |e: Event| set.emit(Session { name: input_value(&e), ..session.clone() }))
    };
    html! {
        <div class="role-switcher">
            <label for="role">{ T::ActingAs.get(lang) }</label>
            <select id="role" onchange={on_role}>
                { for Role::ALL.iter().map(|r| html! {
                    <option value={r.key()} selected={*r == prefs.session.role}>{ role(lang, *r) }</option>
                }) }
            </select>
            <SubjectPicker />
            <label for="actor-name">{ T::ActorName.get(lang) }</label>
            <input id="actor-name" class="actor-name" type="text" maxlength="40"
                value={prefs.session.name.clone()} onchange={on_name} />
        </div>
    }
}

/// For the host role: which host you are. (The enterprise role has its own picker, with
/// registration: `ActingEnterprise`.) Hidden for organizers.
#[component]
pub fn SubjectPicker() -> Html {
    let prefs = use_prefs();
    let app = use_app();
    let lang = prefs.lang;
    if prefs.session.role != Role::Host {
        return html! {};
    }
    let options = crate::session::subjects(app.store.engine().state(), prefs.session.role);
    let onchange = {
        let set = prefs.set_session.clone();
        let session = prefs.session.clone();
        let app = app.clone();
        Callback::from(move |e: Event| {
            let chosen = Session { subject: select_value(&e).parse().ok(), ..session.clone() };
            set.emit(chosen.following_subject(app.store.engine().state()))
        })
    };
    let current = prefs.session.subject;
    html! {
        <>
            <label for="acting-for" class="visually-hidden">{ crate::live_text::LT::ActingFor.get(lang) }</label>
            <select id="acting-for" {onchange}>
                <option value="" selected={current.is_none()}>{ crate::live_text::LT::ChooseSubject.get(lang) }</option>
                { for options.into_iter().map(|(id, name)| html! {
                    <option value={id.to_string()} selected={current == Some(id)}>{ name }</option>
                }) }
            </select>
        </>
    }
}

#[component]
pub fn LanguageToggle() -> Html {
    let prefs = use_prefs();
    let lang = prefs.lang;
    let onclick = {
        let set = prefs.set_lang.clone();
        Callback::from(move |_| set.emit(lang.other()))
    };
    html! {
        <button type="button" class="lang-toggle" lang={lang.other().tag()}
            title={T::SwitchLangLabel.get(lang)} {onclick}>
            { T::SwitchLang.get(lang) }
        </button>
    }
}
