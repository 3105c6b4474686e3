use fairlog_domain::{codec, Role};
use wasm_bindgen::JsCast;
use yew::prelude::*;
use yew_router::prelude::*;

use super::{input_value, select_value};
use crate::app::Route;
use crate::download::{download_text, stamped_name};
use crate::i18n::{fill, role, T};
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

#[component]
pub fn AppHeader() -> Html {
    let lang = use_prefs().lang;
    html! {
        <header class="app-header">
            <Link<Route> to={Route::Fairs} classes="brand">{ T::AppTitle.get(lang) }</Link<Route>>
            <nav aria-label={lang.pick("主导航", "Main")}>
                <Link<Route> to={Route::Fairs}>{ T::NavFairs.get(lang) }</Link<Route>>
                <Link<Route> to={Route::NewFair}>{ T::NavNewFair.get(lang) }</Link<Route>>
                <Link<Route> to={Route::Series}>{ T::NavSeries.get(lang) }</Link<Route>>
                <Link<Route> to={Route::KeyEnterprises}>{ T::NavKeyEnterprises.get(lang) }</Link<Route>>
                <Link<Route> to={Route::Commissioner}>{ T::NavCommissioner.get(lang) }</Link<Route>>
            </nav>
            <div class="header-tools">
                <ExportLogButton />
                <RoleSwitcher />
                <LanguageToggle />
            </div>
        </header>
    }
}

/// Choose who you act as; every event records it.
#[component]
pub fn RoleSwitcher() -> Html {
    let prefs = use_prefs();
    let app = use_app();
    let lang = prefs.lang;
    let on_role = {
        let set = prefs.set_session.clone();
        Callback::from(move |e: Event| {
            if let Some(r) = Role::from_key(&select_value(&e)) {
                set.emit(Session::for_role(r));
            }
        })
    };
    let on_name = {
        let set = prefs.set_session.clone();
        let session = prefs.session.clone();
        Callback::from(move |e: Event| set.emit(Session { name: input_value(&e), ..session.clone() }))
    };
    let on_subject = {
        let set = prefs.set_session.clone();
        let session = prefs.session.clone();
        Callback::from(move |e: Event| set.emit(Session { subject: select_value(&e).parse().ok(), ..session.clone() }))
    };
    // Acting for an enterprise: which one (every event records it as the actor's subject).
    let subject_picker = (prefs.session.role == Role::Enterprise).then(|| {
        let engine = app.store.engine();
        let mut ents: Vec<(String, String)> =
            engine.state().enterprises.values().map(|e| (e.id.to_string(), e.profile.name.clone())).collect();
        ents.sort_by(|a, b| a.1.cmp(&b.1));
        let current = prefs.session.subject.map(|s| s.to_string()).unwrap_or_default();
        html! {
            <>
                <label for="acting-for" class="visually-hidden">{ T::ActingFor.get(lang) }</label>
                <select id="acting-for" class="acting-for" onchange={on_subject}>
                    <option value="" selected={current.is_empty()}>{ T::ActingForNone.get(lang) }</option>
                    { for ents.into_iter().map(|(id, name)| html! {
                        <option value={id.clone()} selected={current == id}>{ name }</option>
                    }) }
                </select>
            </>
        }
    });
    html! {
        <div class="role-switcher">
            <label for="role">{ T::ActingAs.get(lang) }</label>
            <select id="role" onchange={on_role}>
                { for Role::ALL.iter().map(|r| html! {
                    <option value={r.key()} selected={*r == prefs.session.role}>{ role(lang, *r) }</option>
                }) }
            </select>
            { subject_picker.unwrap_or_default() }
            <label for="actor-name" class="visually-hidden">{ T::ActorName.get(lang) }</label>
            <input id="actor-name" class="actor-name" type="text" maxlength="40"
                value={prefs.session.name.clone()} onchange={on_name} />
        </div>
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

/// Download the whole log as a verified JSON Lines file.
#[component]
pub fn ExportLogButton() -> Html {
    let app = use_app();
    let lang = use_prefs().lang;
    let count = app.store.engine().log().len();
    let onclick = {
        let app = app.clone();
        Callback::from(move |_| {
            let text = codec::export(app.store.engine().log());
            let _ = download_text(&stamped_name("fairlog", "jsonl"), "application/x-ndjson", &text);
        })
    };
    html! {
        <button type="button" class="secondary" {onclick} disabled={count == 0}
            title={fill(T::EventCount.get(lang), &[("n", count.to_string())])}>
            { T::ExportLog.get(lang) }
        </button>
    }
}
