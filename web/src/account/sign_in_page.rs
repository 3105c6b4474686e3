//! "登录 Fairlog": shown instead of the app when the server says nobody is signed in.
use yew::prelude::*;

use super::text::{problem, AT};
use crate::components::{input_value, Field};
use crate::session::use_prefs;

#[component]
pub fn SignInPage() -> Html {
    let lang = use_prefs().lang;
    let name = use_state(String::new);
    let password = use_state(String::new);
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let submit = {
        let (name, password, error, busy) = (name.clone(), password.clone(), error.clone(), busy.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            if name.trim().is_empty() {
                return error.set(Some(AT::NameRequired.get(lang).to_owned()));
            }
            let (n, p, error, busy) = (name.trim().to_owned(), (*password).clone(), error.clone(), busy.clone());
            busy.set(true);
            yew::platform::spawn_local(async move {
                match super::api::sign_in(&n, &p).await {
                    Ok(account) => {
                        super::remember(Some(&account));
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
    let set = |h: &UseStateHandle<String>| {
        let h = h.clone();
        Callback::from(move |e: InputEvent| h.set(input_value(&e)))
    };
    html! {
        <section class="sign-in" aria-labelledby="sign-in-title">
            <h1 id="sign-in-title">{ AT::SignInTitle.get(lang) }</h1>
            <p class="lead">{ AT::SignInLead.get(lang) }</p>
            <form onsubmit={submit} novalidate=true>
                <Field id="sign-in-name" label={AT::Name.get(lang)}>
                    <input id="sign-in-name" type="text" autocomplete="username" maxlength="60"
                        value={(*name).clone()} oninput={set(&name)} />
                </Field>
                <Field id="sign-in-password" label={AT::Password.get(lang)}>
                    <input id="sign-in-password" type="password" autocomplete="current-password" maxlength="256"
                        value={(*password).clone()} oninput={set(&password)} />
                </Field>
                if let Some(e) = &*error {
                    <p class="form-error" role="alert" id="sign-in-error">{ e.clone() }</p>
                }
                <button type="submit" class="primary" id="sign-in" disabled={*busy}>
                    { if *busy { AT::SigningIn.get(lang) } else { AT::SignIn.get(lang) } }
                </button>
            </form>
        </section>
    }
}
