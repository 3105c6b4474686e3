//! "接受邀请，开通账号": the page an invitation link opens (`#/join/TOKEN`).
use yew::prelude::*;

use super::api::InvitationInfo;
use super::text::{problem, when, AT};
use crate::components::{input_value, Field};
use crate::i18n::{fill, role};
use crate::session::use_prefs;

#[derive(Properties, PartialEq)]
pub struct JoinPageProps {
    pub token: String,
}

#[component]
pub fn JoinPage(props: &JoinPageProps) -> Html {
    let lang = use_prefs().lang;
    // None: still asking; Some(Err): the link cannot be used.
    let info = use_state(|| None::<Result<InvitationInfo, String>>);
    {
        let info = info.clone();
        use_effect_with(props.token.clone(), move |token| {
            let token = token.clone();
            yew::platform::spawn_local(async move {
                info.set(Some(match super::api::invitation(&token).await {
                    Ok(i) if i.valid => Ok(i),
                    Ok(_) => Err(AT::InvitationUnusable.get(lang).to_owned()),
                    Err(e) => Err(problem(lang, &e)),
                }));
            });
        });
    }
    let name = use_state(String::new);
    let password = use_state(String::new);
    let repeat = use_state(String::new);
    let error = use_state(|| None::<(&'static str, String)>);
    let busy = use_state(|| false);
    let invited = match &*info {
        None => return html! { <p class="loading" role="status">{ AT::JoinChecking.get(lang) }</p> },
        Some(Err(why)) => {
            return html! {
                <section class="sign-in" aria-labelledby="join-title">
                    <h1 id="join-title">{ AT::JoinTitle.get(lang) }</h1>
                    <p class="form-error" role="alert" id="join-unusable">{ why.clone() }</p>
                </section>
            }
        }
        Some(Ok(i)) => i.clone(),
    };
    if name.is_empty() {
        if let Some(n) = invited.name.clone().filter(|n| !n.trim().is_empty()) {
            name.set(n);
        }
    }
    let submit = {
        let (name, password, repeat, error, busy) =
            (name.clone(), password.clone(), repeat.clone(), error.clone(), busy.clone());
        let token = props.token.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            let n = name.trim().to_owned();
            if n.is_empty() {
                return error.set(Some(("name", AT::NameRequired.get(lang).to_owned())));
            }
            let chars = password.chars().count();
            if !(8..=256).contains(&chars) {
                return error.set(Some(("password", AT::PasswordLength.get(lang).to_owned())));
            }
            if *password != *repeat {
                return error.set(Some(("repeat", AT::PasswordsDiffer.get(lang).to_owned())));
            }
            let (token, p, error, busy) = (token.clone(), (*password).clone(), error.clone(), busy.clone());
            busy.set(true);
            yew::platform::spawn_local(async move {
                match super::api::join(&token, &n, &p).await {
                    Ok(account) => {
                        super::remember(Some(&account));
                        super::reload_at("#/");
                    }
                    Err(e) => {
                        error.set(Some(("", problem(lang, &e))));
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
    let about = |field: &str| error.as_ref().filter(|(f, _)| *f == field).map(|(_, m)| m.clone());
    let lead = fill(
        AT::JoinLead.get(lang),
        &[("role", role(lang, invited.role).to_owned()), ("expires", when(invited.expires_at))],
    );
    html! {
        <section class="sign-in" aria-labelledby="join-title">
            <h1 id="join-title">{ AT::JoinTitle.get(lang) }</h1>
            <p class="lead">{ lead }</p>
            <form onsubmit={submit} novalidate=true>
                <Field id="join-name" label={AT::Name.get(lang)} hint={Some(AttrValue::from(AT::JoinNameHint.get(lang)))} error={about("name")}>
                    <input id="join-name" type="text" autocomplete="username" maxlength="60"
                        value={(*name).clone()} oninput={set(&name)} />
                </Field>
                <Field id="join-password" label={AT::NewPassword.get(lang)} error={about("password")}>
                    <input id="join-password" type="password" autocomplete="new-password" maxlength="256"
                        value={(*password).clone()} oninput={set(&password)} />
                </Field>
                <Field id="join-repeat" label={AT::RepeatPassword.get(lang)} error={about("repeat")}>
                    <input id="join-repeat" type="password" autocomplete="new-password" maxlength="256"
                        value={(*repeat).clone()} oninput={set(&repeat)} />
                </Field>
                if let Some(e) = about("") {
                    <p class="form-error" role="alert">{ e }</p>
                }
                <button type="submit" class="primary" id="join" disabled={*busy}>{ AT::Join.get(lang) }</button>
            </form>
        </section>
    }
}
