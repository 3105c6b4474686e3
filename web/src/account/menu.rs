//! The header's account menu (server mode): who is signed in, change password, sign out.
//! A `<details>` element, so it opens and closes with the keyboard as well.
use yew::prelude::*;

use super::text::{problem, AT};
use crate::components::{input_value, Field};
use crate::i18n::{fill, role};
use crate::session::use_prefs;

#[component]
pub fn AccountMenu() -> Html {
    let lang = use_prefs().lang;
    let Some(account) = super::use_signed_in() else { return html! {} };
    let changing = use_state(|| false);
    let busy = use_state(|| false);
    let error = use_state(|| None::<String>);
    let sign_out = {
        let (busy, error) = (busy.clone(), error.clone());
        Callback::from(move |_| {
            let (busy, error) = (busy.clone(), error.clone());
            busy.set(true);
            yew::platform::spawn_local(async move {
                match super::api::sign_out().await {
                    Ok(()) => {
                        super::remember(None);
                        super::reload_at("#/");
                    }
                    Err(e) => {
                        error.set(Some(problem(lang, &e)));
                        busy.set(false);
                    }
                }
            });
        })
    };
    let label = fill(
        AT::SignedInAs.get(lang),
        &[("name", account.name.clone()), ("role", role(lang, account.role).to_owned())],
    );
    let open_change = {
        let changing = changing.clone();
        Callback::from(move |_| changing.set(true))
    };
    html! {
        <details class="account-menu">
            <summary aria-label={AT::MenuLabel.get(lang)} id="account-menu">{ label }</summary>
            <div class="account-menu-body">
                if *changing {
                    <ChangePassword done={{ let c = changing.clone(); Callback::from(move |_| c.set(false)) }} />
                } else {
                    <button type="button" class="secondary" id="change-password" onclick={open_change}>{ AT::ChangePassword.get(lang) }</button>
                }
                <button type="button" class="secondary" id="sign-out" onclick={sign_out} disabled={*busy}>{ AT::SignOut.get(lang) }</button>
                if let Some(e) = &*error {
                    <p class="form-error" role="alert">{ e.clone() }</p>
                }
            </div>
        </details>
    }
}

#[derive(Properties, PartialEq)]
struct ChangePasswordProps {
    done: Callback<()>,
}

#[component]
fn ChangePassword(props: &ChangePasswordProps) -> Html {
    let lang = use_prefs().lang;
    let old = use_state(String::new);
    let new = use_state(String::new);
    let repeat = use_state(String::new);
    let message = use_state(|| None::<(bool, String)>);
    let submit = {
        let (old, new, repeat, message) = (old.clone(), new.clone(), repeat.clone(), message.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if !(8..=256).contains(&new.chars().count()) {
                return message.set(Some((false, AT::PasswordLength.get(lang).to_owned())));
            }
            if *new != *repeat {
                return message.set(Some((false, AT::PasswordsDiffer.get(lang).to_owned())));
            }
            let (o, n, message) = ((*old).clone(), (*new).clone(), message.clone());
            yew::platform::spawn_local(async move {
                message.set(Some(match super::api::change_password(&o, &n).await {
                    Ok(()) => (true, AT::PasswordChanged.get(lang).to_owned()),
                    Err(e) => (false, problem(lang, &e)),
                }));
            });
        })
    };
    let set = |h: &UseStateHandle<String>| {
        let h = h.clone();
        Callback::from(move |e: InputEvent| h.set(input_value(&e)))
    };
    let cancel = {
        let done = props.done.clone();
        Callback::from(move |_| done.emit(()))
    };
    html! {
        <form class="change-password" onsubmit={submit} novalidate=true>
            <Field id="old-password" label={AT::OldPassword.get(lang)}>
                <input id="old-password" type="password" autocomplete="current-password" maxlength="256" value={(*old).clone()} oninput={set(&old)} />
            </Field>
            <Field id="new-password" label={AT::NewPassword.get(lang)}>
                <input id="new-password" type="password" autocomplete="new-password" maxlength="256" value={(*new).clone()} oninput={set(&new)} />
            </Field>
            <Field id="repeat-password" label={AT::RepeatPassword.get(lang)}>
                <input id="repeat-password" type="password" autocomplete="new-password" maxlength="256" value={(*repeat).clone()} oninput={set(&repeat)} />
            </Field>
            if let Some((ok, m)) = &*message {
                <p class={if *ok { "form-ok" } else { "form-error" }} role="status">{ m.clone() }</p>
            }
            <div class="actions">
                <button type="submit" class="primary" id="save-password">{ AT::Save.get(lang) }</button>
                <button type="button" class="secondary" onclick={cancel}>{ AT::Cancel.get(lang) }</button>
            </div>
        </form>
    }
}
