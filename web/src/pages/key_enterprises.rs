//! Key enterprises (重点企业) and their employment service commissioners (就业服务专员).
//!
//! At the seeds' scale the list holds 25,600 enterprises: it is a [`VirtualList`] (only the rows
//! in view are in the page), and the search reads the domain's [`EnterpriseIndex`], built once
//! and caught up with each new state by what changed in it, so a keystroke costs one pass over
//! lowercased names and never a clone of the state.
use std::collections::BTreeMap;
use std::rc::Rc;

use fairlog_domain::enterprise::{EnterpriseCommand, KeyCategory};
use fairlog_domain::ids::EnterpriseId;
use fairlog_domain::industry::Industry;
use fairlog_domain::place::District;
use fairlog_domain::views::{self, EnterpriseIndex, EnterpriseQuery};
use fairlog_domain::{Intent, Role};
use yew::prelude::*;

use crate::components::{input_value, VirtualList};
use crate::hooks::use_command;
use crate::i18n::fill;
use crate::organizer_ui::{key_category, OT};
use crate::session::use_prefs;
use crate::store::use_app;

crate::texts! {
pub enum KT {
    Search => "按企业名称或信用代码搜索", "Search by name or credit code";
    Count => "共 {n} 家企业", "{n} {n|enterprise|enterprises}";
    Matching => "符合条件 {n} 家（共 {total} 家）", "{n} of {total} {total|enterprise|enterprises}";
    NoMatch => "没有符合条件的企业。", "No enterprise matches.";
    ListLabel => "企业列表", "Enterprises";
}
}

/// Each row's height in CSS pixels (the style sheet lays a row out in it).
const ROW_HEIGHT: u32 = 56;

#[component]
pub fn KeyEnterprisesPage() -> Html {
    let app = use_app();
    let prefs = use_prefs();
    let lang = prefs.lang;
    let command = use_command();
    let drafts = use_state(BTreeMap::<EnterpriseId, String>::new);
    // The enterprise the last command was about: its row shows the refusal.
    let about = use_state(|| None::<EnterpriseId>);
    let query = use_state(EnterpriseQuery::default);

    // Built once, then brought up to each new state by what changed in it (an event about a
    // booking or a post leaves it as it is); the matching ids are memoised on its changes.
    let seen = (app.revision, app.travel());
    let index_cell = use_mut_ref(|| None::<Rc<EnterpriseIndex>>);
    let index: Rc<EnterpriseIndex> = {
        let view = app.view();
        let mut cell = index_cell.borrow_mut();
        match cell.as_mut() {
            Some(index) => {
                if !index.is_current(&view) {
                    Rc::make_mut(index).catch_up(&view);
                }
            }
            None => *cell = Some(Rc::new(EnterpriseIndex::new(&view))),
        }
        cell.clone().expect("set above")
    };
    let staff_known = {
        let app = app.clone();
        (*use_memo(seen, move |_| Rc::new(views::commissioners(&app.view())))).clone()
    };
    let ids: Rc<Vec<EnterpriseId>> = {
        let index = index.clone();
        (*use_memo((index.changes(), (*query).clone()), move |(_, q)| Rc::new(index.matching(q)))).clone()
    };

    let can_edit = prefs.session.role == Role::Organizer && app.writable();
    let actor = prefs.session.actor();
    let mut staff: Vec<String> = staff_known.iter().map(|(n, _)| n.clone()).collect();
    if prefs.session.role == Role::Organizer && !staff.contains(&actor.name) {
        staff.push(actor.name.clone());
    }

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

    let set = |apply: fn(&mut EnterpriseQuery, String)| {
        let query = query.clone();
        Callback::from(move |e: Event| {
            let mut q = (*query).clone();
            apply(&mut q, input_value(&e));
            query.set(q);
        })
    };
    let on_text = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| query.set(EnterpriseQuery { text: input_value(&e), ..(*query).clone() }))
    };
    let on_key_only = {
        let query = query.clone();
        Callback::from(move |_: Event| query.set(EnterpriseQuery { key_only: !query.key_only, ..(*query).clone() }))
    };
    let clear = {
        let query = query.clone();
        Callback::from(move |_: MouseEvent| query.set(EnterpriseQuery::default()))
    };

    let problem = command.problem().clone();

    let row = {
        let app = app.clone();
        let ids = ids.clone();
        let drafts = drafts.clone();
        let about = about.clone();
        let problem = problem.clone();
        Callback::from(move |i: usize| {
            let view = app.view();
            let Some(e) = ids.get(i).and_then(|id| view.enterprises.get(id)) else { return html! {} };
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
                    run(
                        id,
                        EnterpriseCommand::AssignCommissioner { enterprise_id: id, commissioner: draft.clone() }.into(),
                    );
                })
            };
            let unassign = {
                let run = run.clone();
                Callback::from(move |_: MouseEvent| {
                    run(id, EnterpriseCommand::UnassignCommissioner { enterprise_id: id }.into())
                })
            };
            // Bookings that hold or wait for a booth (not rejected, cancelled or expired ones).
            let bookings = fairlog_domain::booking::active_bookings_of_enterprise(&view, id);
            let input_id = format!("commissioner-{id}");
            let p = problem.clone().filter(|_| *about == Some(id));
            let invalid = p.as_ref().is_some_and(|p| p.field.is_some());
            html! {
                <div class="vlist-cells" key={id.to_string()} data-enterprise={id.to_string()}>
                    <div role="cell" class="ent-cell"><span class="ent-name">{ e.profile.name.clone() }</span>
                        <small class="muted">{ lang.pick(e.profile.industry.zh(), e.profile.industry.en()) }{ " · " }{ lang.pick(e.profile.district.zh(), e.profile.district.en()) }</small></div>
                    <div role="cell">
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
                    </div>
                    <div role="cell" class="commissioner-cell">
                        if can_edit {
                            <form class="inline-form assign" onsubmit={assign} novalidate=true>
                                <label class="visually-hidden" for={input_id.clone()}>{ OT::ColCommissioner.get(lang) }</label>
                                <input id={input_id} class="commissioner-input" type="text" maxlength="40" value={draft} oninput={on_draft}
                                    list="commissioner-names" autocomplete="off" aria-invalid={invalid.to_string()} />
                                <button type="submit" class="secondary">{ OT::Assign.get(lang) }</button>
                                if e.commissioner.is_some() {
                                    <button type="button" class="link unassign" onclick={unassign}>{ OT::Unassign.get(lang) }</button>
                                }
                            </form>
                        } else {
                            { e.commissioner.clone().unwrap_or_else(|| "—".into()) }
                        }
                        if let Some(p) = &p { <p class="field-error" role="alert">{ p.text.clone() }</p> }
                    </div>
                    <div role="cell" class="num">{ bookings }</div>
                </div>
            }
        })
    };

    let q = &*query;
    let count = if q.is_empty() {
        fill(KT::Count.get(lang), &[("n", index.len().to_string())])
    } else {
        fill(KT::Matching.get(lang), &[("n", ids.len().to_string()), ("total", index.len().to_string())])
    };
    let header = html! {
        <>
            <div role="columnheader">{ OT::ColEnterprise.get(lang) }</div>
            <div role="columnheader">{ OT::ColKey.get(lang) }</div>
            <div role="columnheader">{ OT::ColCommissioner.get(lang) }</div>
            <div role="columnheader" class="num">{ OT::ColBookings.get(lang) }</div>
        </>
    };
    html! {
        <section aria-labelledby="key-title" class="key-page">
            <h1 id="key-title">{ OT::KeyTitle.get(lang) }</h1>
            <p class="muted">{ OT::KeyIntro.get(lang) }</p>
            <form class="filters" role="search" aria-label={OT::Filters.get(lang)} onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <label class="visually-hidden" for="ent-search">{ KT::Search.get(lang) }</label>
                <input id="ent-search" type="search" placeholder={KT::Search.get(lang)} value={q.text.clone()} oninput={on_text} />
                <label class="visually-hidden" for="ent-district">{ OT::AllDistricts.get(lang) }</label>
                <select id="ent-district" onchange={set(|q, v| q.district = District::from_key(&v))}>
                    <option value="" selected={q.district.is_none()}>{ OT::AllDistricts.get(lang) }</option>
                    { for District::ALL.iter().map(|d| html! {
                        <option value={d.key()} selected={q.district == Some(*d)}>{ lang.pick(d.zh(), d.en()) }</option>
                    }) }
                </select>
                <label class="visually-hidden" for="ent-industry">{ OT::AllIndustries.get(lang) }</label>
                <select id="ent-industry" onchange={set(|q, v| q.industry = Industry::from_key(&v))}>
                    <option value="" selected={q.industry.is_none()}>{ OT::AllIndustries.get(lang) }</option>
                    { for Industry::ALL.iter().map(|i| html! {
                        <option value={i.key()} selected={q.industry == Some(*i)}>{ lang.pick(i.zh(), i.en()) }</option>
                    }) }
                </select>
                <label class="check"><input type="checkbox" id="key-only" checked={q.key_only} onchange={on_key_only} />{ OT::OnlyKey.get(lang) }</label>
                if !q.is_empty() {
                    <button type="button" class="link" id="clear-ent-filters" onclick={clear}>{ OT::ClearFilters.get(lang) }</button>
                }
            </form>
            if index.is_empty() {
                <p class="empty">{ OT::NoEnterprises.get(lang) }</p>
            } else {
                <VirtualList id="enterprise-list" class="enterprises" len={ids.len()} row_height={ROW_HEIGHT}
                    label={KT::ListLabel.get(lang)} count={Some(AttrValue::from(count))} {header} {row}
                    reset={format!("{q:?}")} />
                if ids.is_empty() { <p class="empty">{ KT::NoMatch.get(lang) }</p> }
            }
            // The staff already serving enterprises, and the signed-in organizer: picking a name
            // from the list avoids a second spelling of the same person.
            <datalist id="commissioner-names">
                { for staff.iter().map(|n| html! { <option value={n.clone()} /> }) }
            </datalist>
            if prefs.session.role != Role::Organizer { <crate::components::OnlyOrganizersNote /> }
        </section>
    }
}
