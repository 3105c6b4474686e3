//! The organizer's queue of booth requests for one fair: approve, reject with a reason, move a
//! request to another booth, approve several at once; requests from key enterprises are marked.
use std::collections::BTreeSet;
use std::rc::Rc;

use fairlog_domain::booking::BookingCommand;
use fairlog_domain::fair::FairStatus;
use fairlog_domain::ids::{BookingId, BoothId, FairId};
use fairlog_domain::time::to_local;
use fairlog_domain::views::{self, RequestRow};
use fairlog_domain::Role;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::{input_value, Field, FloorPlanView, PlanLegend};
use crate::hooks::use_command;
use crate::i18n::{fill, T};
use crate::organizer_ui::{booking_status, key_category, set_text, Problem, OT};
use crate::session::use_prefs;
use crate::store::{now, use_app};

crate::texts! {
pub enum RT {
    Title => "展位申请审批", "Booth requests";
    Waiting => "待审批 {n} 个", "{n} waiting";
    NoneWaiting => "没有待审批的申请。", "No request is waiting.";
    Select => "选择", "Select";
    SelectAll => "全选", "Select all";
    ColBooth => "展位", "Booth";
    ColRequested => "申请时间", "Requested";
    ColActions => "操作", "Actions";
    Approve => "通过", "Approve";
    Reject => "拒绝", "Reject";
    Reassign => "调整展位", "Move to another booth";
    ApproveSelected => "批量通过所选（{n}）", "Approve selected ({n})";
    NothingSelected => "先勾选要通过的申请", "Tick the requests to approve first";
    RejectReason => "拒绝原因（企业可见）", "Reason (the enterprise sees it)";
    ConfirmReject => "确认拒绝", "Confirm rejection";
    NewBooth => "改到展位", "Move to booth";
    ConfirmReassign => "确认调整", "Confirm move";
    Cancel => "取消", "Cancel";
    HoldPassed => "保留期已过，不能再审批", "The hold has run out; it can no longer be decided";
    KeyRequest => "重点企业", "Key enterprise";
    Decided => "已处理", "Decided";
    ColStatus => "状态", "Status";
    Approved => "已通过 {who} 的申请", "Approved {who}'s request";
    ApprovedMany => "已通过 {n} 个申请", "{n} {n|request|requests} approved";
    Rejected => "已拒绝 {who} 的申请", "Rejected {who}'s request";
    Reassigned => "已把 {who} 调整到展位 {code}", "Moved {who} to booth {code}";
    OnlyOrganizers => "只有组织方可以审批展位申请。", "Only organizers decide booth requests.";
    WhereOnPlan => "所选申请在展位图上的位置", "Where the chosen request is on the plan";
    RecordExpired => "记录已过期的保留（{n}）", "Record the holds that ran out ({n})";
    Recorded => "已记录过期的保留，空出的展位已按候补顺序邀请", "Expired holds recorded; freed booths were offered to the waitlist in order";
}
}

#[derive(Properties, PartialEq)]
pub struct BoothRequestsProps {
    pub id: String,
}

fn time(t: chrono::DateTime<chrono::Utc>) -> String {
    to_local(t).format("%m-%d %H:%M").to_string()
}

#[component]
pub fn BoothRequestsPage(props: &BoothRequestsProps) -> Html {
    let app = use_app();
    let prefs = use_prefs();
    let lang = prefs.lang;
    let command = use_command();
    let chosen = use_state(BTreeSet::<BookingId>::new);
    let key_only = use_state(|| false);
    let rejecting = use_state(|| None::<BookingId>);
    let reason = use_state(String::new);
    let reassigning = use_state(|| None::<BookingId>);
    let target = use_state(String::new);
    // The row the last decision was about (`None`: the bulk approval).
    let about = use_state(|| None::<Option<BookingId>>);
    let live = use_state(String::new);
    let focus = use_state(|| None::<BoothId>);

    let fair_id: Option<FairId> = props.id.parse().ok();
    let plan = {
        let app = app.clone();
        (*use_memo((fair_id, app.revision, app.travel()), move |(id, _, _)| {
            Rc::new(id.map(|id| views::floor_plan(&app.view(), id)).unwrap_or_default())
        }))
        .clone()
    };
    let view = app.view();
    let state: &fairlog_domain::State = &view;
    let Some(fair) = fair_id.and_then(|id| state.fairs.get(&id)) else {
        return html! { <p class="empty">{ T::FairNotFound.get(lang) }</p> };
    };
    let fair_id = fair.id;
    let organizer = prefs.session.role == Role::Organizer;
    let can_decide = organizer && app.writable();
    let at = now();
    let queue: Vec<RequestRow> =
        views::approval_queue(state, fair_id, at).into_iter().filter(|r| !*key_only || r.key.is_some()).collect();
    let decided = views::decided_bookings(state, fair_id, at);
    let free = views::free_booths(state, fair_id);

    // Run one decision; on success clear the row's forms, on refusal show why beside the row.
    let decide = {
        let command = command.clone();
        let (about, live, chosen) = (about.clone(), live.clone(), chosen.clone());
        let (rejecting, reassigning, reason) = (rejecting.clone(), reassigning.clone(), reason.clone());
        move |row: Option<BookingId>, cmd: BookingCommand, ok: String| {
            if command.busy() {
                return;
            }
            about.set(Some(row));
            let (live, chosen) = (live.clone(), chosen.clone());
            let (rejecting, reassigning, reason) = (rejecting.clone(), reassigning.clone(), reason.clone());
            let lang = command.lang();
            command.run(cmd, move |r| match r {
                Ok(_) => {
                    live.set(ok);
                    rejecting.set(None);
                    reassigning.set(None);
                    reason.set(String::new());
                    let mut c = (*chosen).clone();
                    if let Some(id) = row {
                        c.remove(&id);
                    } else {
                        c.clear();
                    }
                    chosen.set(c);
                }
                Err(e) => live.set(Problem::of(lang, e).text),
            });
        }
    };

    let bulk = {
        let decide = decide.clone();
        let chosen = chosen.clone();
        Callback::from(move |_: MouseEvent| {
            let ids: Vec<BookingId> = chosen.iter().copied().collect();
            let n = ids.len();
            decide(
                None,
                BookingCommand::ApproveBookings { booking_ids: ids },
                fill(RT::ApprovedMany.get(lang), &[("n", n.to_string())]),
            );
        })
    };
    let all_ids: BTreeSet<BookingId> = queue.iter().filter(|r| !r.hold_passed).map(|r| r.booking_id).collect();
    let all_chosen = !all_ids.is_empty() && all_ids.iter().all(|id| chosen.contains(id));
    let toggle_all = {
        let chosen = chosen.clone();
        let all_ids = all_ids.clone();
        Callback::from(move |_: Event| chosen.set(if all_chosen { BTreeSet::new() } else { all_ids.clone() }))
    };

    let row_html = |r: &RequestRow| {
        let id = r.booking_id;
        let who = r.enterprise.clone();
        let toggle = {
            let chosen = chosen.clone();
            Callback::from(move |_: Event| {
                let mut c = (*chosen).clone();
                if !c.remove(&id) {
                    c.insert(id);
                }
                chosen.set(c);
            })
        };
        let approve = {
            let decide = decide.clone();
            let who = who.clone();
            Callback::from(move |_: MouseEvent| {
                decide(
                    Some(id),
                    BookingCommand::ApproveBooking { booking_id: id },
                    fill(RT::Approved.get(lang), &[("who", who.clone())]),
                )
            })
        };
        let open_reject = {
            let (rejecting, reassigning, command) = (rejecting.clone(), reassigning.clone(), command.clone());
            Callback::from(move |_: MouseEvent| {
                rejecting.set(Some(id));
                reassigning.set(None);
                command.set_problem(None);
            })
        };
        let open_reassign = {
            let (rejecting, reassigning, command, target) =
                (rejecting.clone(), reassigning.clone(), command.clone(), target.clone());
            let first = free.first().map(|b| b.id.to_string()).unwrap_or_default();
            Callback::from(move |_: MouseEvent| {
                reassigning.set(Some(id));
                rejecting.set(None);
                command.set_problem(None);
                target.set(first.clone());
            })
        };
        let confirm_reject = {
            let decide = decide.clone();
            let reason = reason.clone();
            let who = who.clone();
            Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                decide(
                    Some(id),
                    BookingCommand::RejectBooking { booking_id: id, reason: (*reason).clone() },
                    fill(RT::Rejected.get(lang), &[("who", who.clone())]),
                )
            })
        };
        let confirm_reassign = {
            let decide = decide.clone();
            let target = target.clone();
            let who = who.clone();
            let codes: Vec<(String, String)> = free.iter().map(|b| (b.id.to_string(), b.code.clone())).collect();
            Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                let Ok(booth_id) = target.parse::<BoothId>() else { return };
                let code = codes.iter().find(|(i, _)| *i == *target).map(|(_, c)| c.clone()).unwrap_or_default();
                decide(
                    Some(id),
                    BookingCommand::ReassignBooking { booking_id: id, booth_id },
                    fill(RT::Reassigned.get(lang), &[("who", who.clone()), ("code", code)]),
                )
            })
        };
        let cancel_forms = {
            let (rejecting, reassigning) = (rejecting.clone(), reassigning.clone());
            Callback::from(move |_: MouseEvent| {
                rejecting.set(None);
                reassigning.set(None);
            })
        };
        let show_on_plan = {
            let focus = focus.clone();
            let booth = r.booth_id;
            Callback::from(move |_: FocusEvent| focus.set(booth))
        };
        let hover_on_plan = {
            let focus = focus.clone();
            let booth = r.booth_id;
            Callback::from(move |_: MouseEvent| focus.set(booth))
        };
        let row_problem = command.problem().clone().filter(|_| *about == Some(Some(id)));
        let reason_error = row_problem.as_ref().filter(|p| p.field == Some("reason")).map(|p| p.text.clone());
        let other_error = row_problem.as_ref().filter(|p| p.field != Some("reason")).map(|p| p.text.clone());
        let code = r.booth_code.clone().unwrap_or_else(|| OT::VirtualBooth.get(lang).into());
        html! {
            <>
            <tr key={id.to_string()} class={classes!("request", r.key.is_some().then_some("key"))} data-booking={id.to_string()}
                onfocusin={show_on_plan} onmouseenter={hover_on_plan}>
                <td>
                    if can_decide && !r.hold_passed {
                        <input type="checkbox" checked={chosen.contains(&id)} onchange={toggle}
                            aria-label={format!("{} {}", RT::Select.get(lang), who)} />
                    }
                </td>
                <td>
                    <span class="ent-name">{ who.clone() }</span>
                    if let Some(k) = r.key {
                        { " " }<span class="badge key" title={RT::KeyRequest.get(lang)}>{ "★ " }{ key_category(lang, k) }</span>
                    }
                </td>
                <td>{ r.commissioner.clone().unwrap_or_else(|| "—".into()) }</td>
                <td class="nowrap">{ code }{ r.zone.as_ref().map(|z| format!(" · {z}")).unwrap_or_default() }</td>
                <td class="nowrap">{ time(r.requested_at) }</td>
                <td>
                    if r.hold_passed {
                        <span class="muted">{ RT::HoldPassed.get(lang) }</span>
                    } else if can_decide {
                        <div class="row-actions">
                            <button type="button" class="approve" onclick={approve}>{ RT::Approve.get(lang) }</button>
                            <button type="button" class="danger reject" onclick={open_reject}>{ RT::Reject.get(lang) }</button>
                            if r.booth_id.is_some() && !free.is_empty() {
                                <button type="button" class="secondary reassign" onclick={open_reassign}>{ RT::Reassign.get(lang) }</button>
                            }
                        </div>
                    }
                </td>
            </tr>
            if *rejecting == Some(id) || *reassigning == Some(id) || other_error.is_some() {
                <tr class="row-form" key={format!("{id}-form")}>
                    <td></td>
                    <td colspan="5">
                        if let Some(m) = &other_error { <p class="field-error" role="alert" data-row={id.to_string()}>{ m.clone() }</p> }
                        if *rejecting == Some(id) {
                            <form class="inline-form" onsubmit={confirm_reject} novalidate=true>
                                <Field id={format!("reason-{id}")} label={RT::RejectReason.get(lang)} error={reason_error}>
                                    <textarea id={format!("reason-{id}")} class="reject-reason" rows="2" value={(*reason).clone()} oninput={set_text(&reason)} />
                                </Field>
                                <div class="actions">
                                    <button type="submit" class="danger confirm-reject">{ RT::ConfirmReject.get(lang) }</button>
                                    <button type="button" class="secondary" onclick={cancel_forms.clone()}>{ RT::Cancel.get(lang) }</button>
                                </div>
                            </form>
                        }
                        if *reassigning == Some(id) {
                            <form class="inline-form" onsubmit={confirm_reassign} novalidate=true>
                                <Field id={format!("target-{id}")} label={RT::NewBooth.get(lang)}>
                                    <select id={format!("target-{id}")} class="reassign-target"
                                        onchange={{ let t = target.clone(); Callback::from(move |e: Event| t.set(input_value(&e))) }}>
                                        { for free.iter().map(|b| html! {
                                            <option value={b.id.to_string()} selected={*target == b.id.to_string()}>{ b.code.clone() }</option>
                                        }) }
                                    </select>
                                </Field>
                                <div class="actions">
                                    <button type="submit" class="confirm-reassign">{ RT::ConfirmReassign.get(lang) }</button>
                                    <button type="button" class="secondary" onclick={cancel_forms}>{ RT::Cancel.get(lang) }</button>
                                </div>
                            </form>
                        }
                    </td>
                </tr>
            }
            </>
        }
    };

    let passed = queue.iter().filter(|r| r.hold_passed).count();
    let expire = {
        let decide = decide.clone();
        Callback::from(move |_: MouseEvent| decide(None, BookingCommand::ExpireHolds, RT::Recorded.get(lang).into()))
    };
    let bulk_error = command.problem_text().filter(|_| *about == Some(None));
    let n_chosen = chosen.iter().filter(|id| all_ids.contains(id)).count();
    html! {
        <article class="requests-page" aria-labelledby="requests-title">
            <p><Link<Route> to={Route::Fair { id: fair_id.to_string() }}>{ "← " }{ fair.details.name.clone() }</Link<Route>>
                { " · " }<Link<Route> to={Route::FloorPlan { id: fair_id.to_string() }}>{ OT::FloorPlanLink.get(lang) }</Link<Route>></p>
            <div class="page-head">
                <h1 id="requests-title">{ RT::Title.get(lang) }</h1>
                <span class="muted" id="waiting-count">{ fill(RT::Waiting.get(lang), &[("n", views::approval_queue(state, fair_id, at).len().to_string())]) }</span>
            </div>
            if !organizer { <p class="banner warn" role="note">{ RT::OnlyOrganizers.get(lang) }</p> }
            if let FairStatus::Cancelled { reason } = &fair.status {
                <p class="banner warn">{ fill(T::CancelledBecause.get(lang), &[("reason", reason.clone())]) }</p>
            }
            <p class="visually-hidden" role="status" aria-live="polite" id="requests-live">{ (*live).clone() }</p>
            <div class="actions">
                <label class="check"><input type="checkbox" id="key-only" checked={*key_only}
                    onchange={{ let k = key_only.clone(); Callback::from(move |_: Event| k.set(!*k)) }} />{ OT::OnlyKey.get(lang) }</label>
                if can_decide {
                    <button type="button" id="approve-selected" onclick={bulk} disabled={n_chosen == 0}
                        title={(n_chosen == 0).then(|| RT::NothingSelected.get(lang))}>
                        { fill(RT::ApproveSelected.get(lang), &[("n", n_chosen.to_string())]) }
                    </button>
                    if passed > 0 {
                        <button type="button" class="secondary" id="record-expired" onclick={expire}>
                            { fill(RT::RecordExpired.get(lang), &[("n", passed.to_string())]) }
                        </button>
                    }
                }
            </div>
            if let Some(m) = bulk_error { <p class="banner danger" role="alert" id="bulk-error">{ m }</p> }
            <div class="requests-layout">
                <div class="requests-main">
                    if queue.is_empty() {
                        <p class="empty">{ RT::NoneWaiting.get(lang) }</p>
                    } else {
                        <div class="table-wrap">
                        <table class="requests">
                            <thead><tr>
                                <th scope="col">
                                    if can_decide && !all_ids.is_empty() {
                                        <input type="checkbox" id="select-all" checked={all_chosen} onchange={toggle_all} aria-label={RT::SelectAll.get(lang)} />
                                    }
                                </th>
                                <th scope="col">{ OT::ColEnterprise.get(lang) }</th>
                                <th scope="col">{ OT::ColCommissioner.get(lang) }</th>
                                <th scope="col">{ RT::ColBooth.get(lang) }</th>
                                <th scope="col">{ RT::ColRequested.get(lang) }</th>
                                <th scope="col">{ RT::ColActions.get(lang) }</th>
                            </tr></thead>
                            <tbody>{ for queue.iter().map(row_html) }</tbody>
                        </table>
                        </div>
                    }
                    if !decided.is_empty() {
                        <h2>{ RT::Decided.get(lang) }</h2>
                        <div class="table-wrap">
                        <table class="decided">
                            <thead><tr>
                                <th scope="col">{ OT::ColEnterprise.get(lang) }</th>
                                <th scope="col">{ RT::ColBooth.get(lang) }</th>
                                <th scope="col">{ RT::ColStatus.get(lang) }</th>
                                <th scope="col">{ RT::ColRequested.get(lang) }</th>
                            </tr></thead>
                            <tbody>
                                { for decided.iter().map(|r| html! {
                                    <tr key={r.booking_id.to_string()} data-booking={r.booking_id.to_string()}>
                                        <td>{ r.enterprise.clone() }
                                            if let Some(k) = r.key { { " " }<span class="badge key">{ "★ " }{ key_category(lang, k) }</span> }</td>
                                        <td class="nowrap">{ r.booth_code.clone().unwrap_or_else(|| OT::VirtualBooth.get(lang).into()) }</td>
                                        <td class="status">{ booking_status(lang, &r.status) }
                                            if let fairlog_domain::booking::BookingStatus::Rejected { reason } = &r.status { { format!("{}{reason}", crate::i18n::colon(lang)) } }</td>
                                        <td class="nowrap">{ time(r.requested_at) }</td>
                                    </tr>
                                }) }
                            </tbody>
                        </table>
                        </div>
                    }
                </div>
                if plan.width > 0 {
                    <aside class="requests-plan" aria-label={RT::WhereOnPlan.get(lang)}>
                        <FloorPlanView plan={plan.clone()} selected={*focus} names=true />
                        <PlanLegend />
                    </aside>
                }
            </div>
        </article>
    }
}
