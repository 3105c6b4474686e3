//! Key enterprises (重点企业) and their employment service commissioners (就业服务专员).
use std::collections::BTreeMap;

use fairlog_domain::enterprise::{EnterpriseCommand, KeyCategory};
use fairlog_domain::ids::EnterpriseId;
use fairlog_domain::{Intent, Role};
use yew::prelude::*;

use crate::components::input_value;
use crate::hooks::use_command;
use crate::i18n::T;
use crate::organizer_ui::{key_category, OT};
use crate::session::use_prefs;
use crate::store::use_app;

#[component]
pub fn KeyEnterprisesPage() -> Html {
    let app = use_app();
    let prefs = use_prefs();
    let lang = prefs.lang;
    let command = use_command();
    let drafts = use_state(BTreeMap::<EnterpriseId, String>::new);
    // The enterprise the last command was about: its row shows the refusal.
    let about = use_state(|| None::<EnterpriseId>);
    let key_only = use_state(|| false);
    let search = use_state(String::new);

    let view = app.view();
    let state: &fairlog_domain::State = &view;
    let can_edit = prefs.session.role == Role::Organizer && app.writable();
    let actor = prefs.session.actor();
    let mut staff: Vec<String> = fairlog_domain::views::commissioners(state).into_iter().map(|(n, _)| n).collect();
    if prefs.session.role == Role::Organizer && !staff.contains(&actor.name) {
        staff.push(actor.name.clone());
    }
    let text = search.trim().to_lowercase();
    let mut ents: Vec<_> = state
        .enterprises
        .values()
        .filter(|e| !*key_only || e.key.is_some())
        .filter(|e| text.is_empty() || e.profile.name.to_lowercase().contains(&text))
        .collect();
    ents.sort_by(|a, b| (a.key.is_none(), &a.profile.name).cmp(&(b.key.is_none(), &b.profile.name)));

    let run = {
        let command = command.clone();
        let about = about.clone();
        let drafts = drafts.clone();
        move |id: EnterpriseId, intent: Intent| {
            if command.busy() {
                return;
            }
            about.set(Some(id));
            let drafts = drafts.clone();
            command.run(intent, move |r| {
                if r.is_ok() {
                    let mut d = (*drafts).clone();
                    d.remove(&id);
                    drafts.set(d);
                }
            });
        }
    };

    html! {
        <section aria-labelledby="key-title" class="key-page">
            <h1 id="key-title">{ OT::KeyTitle.get(lang) }</h1>
            <p class="muted">{ OT::KeyIntro.get(lang) }</p>
            <div class="filters">
                <label class="visually-hidden" for="ent-search">{ OT::Search.get(lang) }</label>
                <input id="ent-search" type="search" placeholder={OT::Search.get(lang)} value={(*search).clone()}
                    oninput={{ let s = search.clone(); Callback::from(move |e: InputEvent| s.set(input_value(&e))) }} />
                <label class="check"><input type="checkbox" id="key-only" checked={*key_only}
                    onchange={{ let k = key_only.clone(); Callback::from(move |_: Event| k.set(!*k)) }} />{ OT::OnlyKey.get(lang) }</label>
            </div>
            if ents.is_empty() {
                <p class="empty">{ OT::NoEnterprises.get(lang) }</p>
            } else {
                <div class="table-wrap">
                <table class="enterprises">
                    <thead><tr>
                        <th scope="col">{ OT::ColEnterprise.get(lang) }</th>
                        <th scope="col">{ OT::ColKey.get(lang) }</th>
                        <th scope="col">{ OT::ColCommissioner.get(lang) }</th>
                        <th scope="col">{ OT::ColBookings.get(lang) }</th>
                    </tr></thead>
                    <tbody>
                        { for ents.iter().map(|e| {
                            let id = e.id;
                            let on_key = {
                                let run = run.clone();
                                Callback::from(move |ev: Event| {
                                    let v = input_value(&ev);
                                    let intent: Intent = match KeyCategory::from_key(&v) {
                                        Some(category) => EnterpriseCommand::MarkKeyEnterprise { enterprise_id: id, category }.into(),
                                        None => EnterpriseCommand::UnmarkKeyEnterprise { enterprise_id: id }.into(),
                                    };
                                    run(id, intent);
                                })
                            };
                            let draft = drafts.get(&id).cloned().unwrap_or_else(|| e.commissioner.clone().unwrap_or_default());
                            let on_draft = {
                                let drafts = drafts.clone();
                                Callback::from(move |ev: InputEvent| {
                                    let mut d = (*drafts).clone();
                                    d.insert(id, input_value(&ev));
                                    drafts.set(d);
                                })
                            };
                            let assign = {
                                let run = run.clone();
                                let draft = draft.clone();
                                Callback::from(move |ev: SubmitEvent| {
                                    ev.prevent_default();
                                    run(id, EnterpriseCommand::AssignCommissioner { enterprise_id: id, commissioner: draft.clone() }.into());
                                })
                            };
                            let unassign = {
                                let run = run.clone();
                                Callback::from(move |_: MouseEvent| run(id, EnterpriseCommand::UnassignCommissioner { enterprise_id: id }.into()))
                            };
                            let p = command.problem().clone().filter(|_| *about == Some(id));
                            // Bookings that hold or wait for a booth (not rejected, cancelled or expired ones).
                            let bookings = fairlog_domain::booking::active_bookings_of_enterprise(state, id);
                            let input_id = format!("commissioner-{id}");
                            html! {
                                <tr key={id.to_string()} data-enterprise={id.to_string()}>
                                    <td><span class="ent-name">{ e.profile.name.clone() }</span><br />
                                        <small class="muted">{ lang.pick(e.profile.industry.zh(), e.profile.industry.en()) }{ " · " }{ lang.pick(e.profile.district.zh(), e.profile.district.en()) }</small></td>
                                    <td>
                                        if can_edit {
                                            <label class="visually-hidden" for={format!("key-{id}")}>{ OT::ColKey.get(lang) }</label>
                                            <select id={format!("key-{id}")} class="key-select" onchange={on_key}>
                                                <option value="" selected={e.key.is_none()}>{ OT::NotKey.get(lang) }</option>
                                                { for KeyCategory::ALL.iter().map(|k| html! {
                                                    <option value={k.key()} selected={e.key == Some(*k)}>{ key_category(lang, *k) }</option>
                                                }) }
                                            </select>
                                        } else {
                                            { e.key.map(|k| key_category(lang, k)).unwrap_or("—") }
                                        }
                                    </td>
                                    <td>
                                        if can_edit {
                                            <form class="inline-form assign" onsubmit={assign} novalidate=true>
                                                <label class="visually-hidden" for={input_id.clone()}>{ OT::ColCommissioner.get(lang) }</label>
                                                <input id={input_id} class="commissioner-input" type="text" maxlength="40" value={draft} oninput={on_draft}
                                                    list="commissioner-names" autocomplete="off"
                                                    aria-invalid={p.as_ref().is_some_and(|p| p.field.is_some()).to_string()} />
                                                <button type="submit" class="secondary">{ OT::Assign.get(lang) }</button>
                                                if e.commissioner.is_some() {
                                                    <button type="button" class="link unassign" onclick={unassign}>{ OT::Unassign.get(lang) }</button>
                                                }
                                            </form>
                                        } else {
                                            { e.commissioner.clone().unwrap_or_else(|| "—".into()) }
                                        }
                                        if let Some(p) = &p { <p class="field-error" role="alert">{ p.text.clone() }</p> }
                                    </td>
                                    <td>{ bookings }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
                </div>
            }
            // The staff already serving enterprises, and the signed-in organizer: picking a name
            // from the list avoids a second spelling of the same person.
            <datalist id="commissioner-names">
                { for staff.iter().map(|n| html! { <option value={n.clone()} /> }) }
            </datalist>
            if prefs.session.role != Role::Organizer { <p class="muted">{ T::OnlyOrganizersHint.get(lang) }</p> }
        </section>
    }
}
