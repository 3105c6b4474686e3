//! "账号与邀请" (organizers, server mode): invite an enterprise, a host or another organizer
//! with a one-time link; list, disable and enable accounts; read the sign-in record.
use fairlog_domain::Role;
use uuid::Uuid;
use yew::prelude::*;

use super::api::{AccountList, AuditList, NewInvitation};
use super::text::{audit_kind, problem, when, AT};
use crate::components::{input_value, select_value, Field};
use crate::i18n::{fill, role};
use crate::session::use_prefs;
use crate::store::use_app;

#[component]
pub fn AccountsPage() -> Html {
    let lang = use_prefs().lang;
    let me = super::use_signed_in();
    let list = use_state(|| None::<Result<AccountList, String>>);
    let audit = use_state(|| None::<Result<AuditList, String>>);
    // Bumped after every change, to read the lists again.
    let version = use_state(|| 0u32);
    {
        let (list, audit) = (list.clone(), audit.clone());
        use_effect_with(*version, move |_| {
            yew::platform::spawn_local(async move {
                list.set(Some(super::api::accounts().await.map_err(|e| problem(lang, &e))));
                audit.set(Some(super::api::audit(100).await.map_err(|e| problem(lang, &e))));
            });
        });
    }
    if me.as_ref().is_none_or(|a| a.role != Role::Organizer) {
        return html! { <p class="form-error" role="alert">{ AT::OrganizersOnly.get(lang) }</p> };
    }
    let changed = {
        let version = version.clone();
        Callback::from(move |_| version.set(*version + 1))
    };
    html! {
        <section class="accounts-page" aria-labelledby="accounts-title">
            <h1 id="accounts-title">{ AT::AccountsTitle.get(lang) }</h1>
            <InviteForm changed={changed.clone()} />
            { match &*list {
                None => html! { <p role="status">{ AT::Loading.get(lang) }</p> },
                Some(Err(e)) => html! { <p class="form-error" role="alert">{ e.clone() }</p> },
                Some(Ok(l)) => html! { <Accounts list={l.clone()} {changed} me={me.as_ref().map(|a| a.id)} /> },
            } }
            { match &*audit {
                None => html! {},
                Some(Err(e)) => html! { <p class="form-error" role="alert">{ e.clone() }</p> },
                Some(Ok(a)) => html! { <AuditRecord list={a.clone()} /> },
            } }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct InviteFormProps {
    changed: Callback<()>,
}

const NEW: &str = "new";

#[component]
fn InviteForm(props: &InviteFormProps) -> Html {
    let lang = use_prefs().lang;
    let app = use_app();
    let who = use_state(|| Role::Enterprise);
    let name = use_state(String::new);
    let subject = use_state(|| None::<Uuid>);
    let made = use_state(|| None::<Result<NewInvitation, String>>);
    let copied = use_state(|| false);
    let state = app.store.engine();
    let state = state.state();
    // A host account belongs to a host the organizers keep; an enterprise account to a new
    // enterprise (registered after signing up) or one already registered.
    let mut choices: Vec<(Uuid, String)> = match *who {
        Role::Host => state.hosts.values().map(|h| (h.id.0, h.profile.name.clone())).collect(),
        Role::Enterprise => state.enterprises.values().map(|e| (e.id.0, e.profile.name.clone())).collect(),
        Role::Organizer => vec![],
    };
    choices.sort_by(|a, b| a.1.cmp(&b.1));
    let on_role = {
        let (who, subject) = (who.clone(), subject.clone());
        Callback::from(move |e: Event| {
            if let Some(r) = Role::from_key(&select_value(&e)) {
                who.set(r);
                subject.set(None);
            }
        })
    };
    let on_subject = {
        let subject = subject.clone();
        Callback::from(move |e: Event| subject.set(Uuid::parse_str(&select_value(&e)).ok()))
    };
    let on_name = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| name.set(input_value(&e)))
    };
    let host_missing = *who == Role::Host && subject.is_none();
    let submit = {
        let (who, name, subject, made, copied, changed) =
            (who.clone(), name.clone(), subject.clone(), made.clone(), copied.clone(), props.changed.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (r, n, s, made, copied, changed) =
                (*who, name.trim().to_owned(), *subject, made.clone(), copied.clone(), changed.clone());
            yew::platform::spawn_local(async move {
                let answer = super::api::invite(r, Some(n.as_str()).filter(|n| !n.is_empty()), s).await;
                copied.set(false);
                made.set(Some(answer.map_err(|e| problem(lang, &e))));
                changed.emit(());
            });
        })
    };
    let link = |inv: &NewInvitation| {
        let origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
        format!("{origin}/{}", inv.path.trim_start_matches('/'))
    };
    let copy = |url: String| {
        let copied = copied.clone();
        Callback::from(move |_| {
            if let Some(w) = web_sys::window() {
                let _ = w.navigator().clipboard().write_text(&url);
                copied.set(true);
            }
        })
    };
    html! {
        <form class="invite-form" onsubmit={submit} novalidate=true aria-labelledby="invite-title">
            <h2 id="invite-title">{ AT::InviteTitle.get(lang) }</h2>
            <div class="row">
                <Field id="invite-role" label={AT::InviteRole.get(lang)}>
                    <select id="invite-role" onchange={on_role}>
                        { for [Role::Enterprise, Role::Host, Role::Organizer].iter().map(|r| html! {
                            <option value={r.key()} selected={*r == *who}>{ role(lang, *r) }</option>
                        }) }
                    </select>
                </Field>
                if *who != Role::Organizer {
                    <Field id="invite-subject" label={role(lang, *who)}>
                        <select id="invite-subject" onchange={on_subject}>
                            if *who == Role::Enterprise {
                                <option value={NEW} selected={subject.is_none()}>{ lang.pick("新企业（对方登录后自行登记）", "A new enterprise (registers after signing up)") }</option>
                            } else {
                                <option value="" selected={subject.is_none()}>{ lang.pick("请选择主播", "Choose the host") }</option>
                            }
                            { for choices.iter().map(|(id, n)| html! {
                                <option key={id.to_string()} value={id.to_string()} selected={*subject == Some(*id)}>{ n.clone() }</option>
                            }) }
                        </select>
                    </Field>
                }
                <Field id="invite-name" label={AT::InviteName.get(lang)}>
                    <input id="invite-name" type="text" maxlength="60" value={(*name).clone()} oninput={on_name} />
                </Field>
            </div>
            <button type="submit" class="primary" id="invite" disabled={host_missing}>{ AT::InviteButton.get(lang) }</button>
            { match &*made {
                None => html! {},
                Some(Err(e)) => html! { <p class="form-error" role="alert">{ e.clone() }</p> },
                Some(Ok(inv)) => {
                    let url = link(inv);
                    html! {
                        <div class="invitation-made" role="status">
                            <p>{ fill(AT::InviteMade.get(lang), &[("expires", when(inv.expires_at))]) }</p>
                            <input id="invitation-link" type="text" readonly=true value={url.clone()} aria-label={AT::InviteButton.get(lang)} />
                            <button type="button" class="secondary" onclick={copy(url)}>
                                { if *copied { AT::Copied.get(lang) } else { AT::CopyLink.get(lang) } }
                            </button>
                        </div>
                    }
                }
            } }
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct AccountsProps {
    list: AccountList,
    changed: Callback<()>,
    me: Option<Uuid>,
}

#[component]
fn Accounts(props: &AccountsProps) -> Html {
    let lang = use_prefs().lang;
    let error = use_state(|| None::<String>);
    let toggle = |id: Uuid, disable: bool| {
        let (changed, error) = (props.changed.clone(), error.clone());
        Callback::from(move |_| {
            let (changed, error) = (changed.clone(), error.clone());
            yew::platform::spawn_local(async move {
                match super::api::set_disabled(id, disable).await {
                    Ok(()) => error.set(None),
                    Err(e) => error.set(Some(problem(lang, &e))),
                }
                changed.emit(());
            });
        })
    };
    html! {
        <>
            <h2>{ AT::AccountsList.get(lang) }</h2>
            if let Some(e) = &*error { <p class="form-error" role="alert">{ e.clone() }</p> }
            if props.list.accounts.is_empty() {
                <p class="empty">{ AT::NoAccounts.get(lang) }</p>
            } else {
                <table class="accounts">
                    <thead><tr>
                        <th scope="col">{ AT::ColName.get(lang) }</th>
                        <th scope="col">{ AT::ColRole.get(lang) }</th>
                        <th scope="col">{ AT::ColSince.get(lang) }</th>
                        <th scope="col">{ AT::ColState.get(lang) }</th>
                        <th scope="col"><span class="visually-hidden">{ AT::Disable.get(lang) }</span></th>
                    </tr></thead>
                    <tbody>
                    { for props.list.accounts.iter().map(|listed| (&listed.account, listed.created_at)).map(|(a, created_at)| html! {
                        <tr key={a.id.to_string()}>
                            <td>{ a.name.clone() }</td>
                            <td>{ role(lang, a.role) }</td>
                            <td>{ created_at.map(when).unwrap_or_default() }</td>
                            <td>{ if a.disabled { AT::Disabled.get(lang) } else { AT::Active.get(lang) } }</td>
                            <td>
                                if props.me != Some(a.id) {
                                    <button type="button" class="secondary" onclick={toggle(a.id, !a.disabled)}>
                                        { if a.disabled { AT::Enable.get(lang) } else { AT::Disable.get(lang) } }
                                    </button>
                                }
                            </td>
                        </tr>
                    }) }
                    </tbody>
                </table>
            }
            <h2>{ AT::PendingList.get(lang) }</h2>
            if props.list.invitations.is_empty() {
                <p class="empty">{ AT::NoPending.get(lang) }</p>
            } else {
                <table class="invitations">
                    <thead><tr>
                        <th scope="col">{ AT::ColRole.get(lang) }</th>
                        <th scope="col">{ AT::ColName.get(lang) }</th>
                        <th scope="col">{ AT::ColExpires.get(lang) }</th>
                    </tr></thead>
                    <tbody>
                    { for props.list.invitations.iter().map(|i| html! {
                        <tr>
                            <td>{ role(lang, i.role) }</td>
                            <td>{ i.name.clone().unwrap_or_default() }</td>
                            <td>{ when(i.expires_at) }</td>
                        </tr>
                    }) }
                    </tbody>
                </table>
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct AuditRecordProps {
    list: AuditList,
}

#[component]
fn AuditRecord(props: &AuditRecordProps) -> Html {
    let lang = use_prefs().lang;
    html! {
        <>
            <h2>{ AT::AuditTitle.get(lang) }</h2>
            if props.list.entries.is_empty() {
                <p class="empty">{ AT::NoAudit.get(lang) }</p>
            } else {
                <table class="audit">
                    <thead><tr>
                        <th scope="col">{ AT::ColWhen.get(lang) }</th>
                        <th scope="col">{ AT::ColWhat.get(lang) }</th>
                        <th scope="col">{ AT::ColWho.get(lang) }</th>
                        <th scope="col">{ AT::ColFrom.get(lang) }</th>
                    </tr></thead>
                    <tbody>
                    { for props.list.entries.iter().map(|e| html! {
                        <tr>
                            <td>{ when(e.at) }</td>
                            <td>{ audit_kind(lang, &e.kind) }</td>
                            <td>{ e.name.clone().unwrap_or_default() }</td>
                            <td>{ e.address.clone().unwrap_or_default() }</td>
                        </tr>
                    }) }
                    </tbody>
                </table>
            }
        </>
    }
}
