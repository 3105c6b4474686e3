use fairlog_domain::fair::{FairCommand, FairMode, FairStatus};
use fairlog_domain::ids::{EnterpriseId, FairId};
use fairlog_domain::views;
use fairlog_domain::{Intent, Role};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::{input_value, FairBookings, FairNotices, FairOutcomeForm, Field, PostponeFair};
use crate::format;
use crate::hooks::use_command;
use crate::i18n::{fill, mode, series_kind, status, T};
use crate::organizer_ui::{Problem, OT};
use crate::pages::plan_summary;
use crate::session::use_prefs;
use crate::store::use_app;

#[derive(Properties, PartialEq)]
pub struct FairPageProps {
    pub id: String,
}

/// One fair: its details and what the organizer can do next.
#[component]
pub fn FairPage(props: &FairPageProps) -> Html {
    let app = use_app();
    let prefs = use_prefs();
    let lang = prefs.lang;
    let command = use_command();
    let cancelling = use_state(|| false);
    let reason = use_state(String::new);

    let Ok(id) = props.id.parse::<FairId>() else {
        return html! { <p class="empty">{ T::FairNotFound.get(lang) }</p> };
    };
    let state = app.view();
    let Some(fair) = state.fairs.get(&id) else {
        return html! { <p class="empty">{ T::FairNotFound.get(lang) }</p> };
    };

    let send = {
        let (command, cancelling) = (command.clone(), cancelling.clone());
        move |intent: Intent| {
            let (command, cancelling) = (command.clone(), cancelling.clone());
            Callback::from(move |_: MouseEvent| {
                let cancelling = cancelling.clone();
                command.run(intent.clone(), move |r| {
                    if r.is_ok() {
                        cancelling.set(false);
                    }
                });
            })
        }
    };
    // The refusal: beside the reason when it is about the reason, above the actions otherwise.
    let error = Problem::other(command.problem(), &["reason"]);
    let reason_error = Problem::at(command.problem(), "reason");
    let busy = command.busy();

    let organizer = prefs.session.role == Role::Organizer;
    let kind = fair.status.kind();
    let d = &fair.details;
    let series = d.series.and_then(|s| state.series.get(&s));
    let draft = fair.status == FairStatus::Draft;
    let published = fair.status == FairStatus::Published;
    let open = draft || published;
    let plan = views::floor_plan(&state, id);
    let waiting = views::approval_queue(&state, id, crate::store::now()).len();

    html! {
        <article class="fair-page" aria-labelledby="fair-title">
            <p><Link<Route> to={Route::Fairs}>{ "← " }{ T::BackToList.get(lang) }</Link<Route>></p>
            <div class="page-head">
                <h1 id="fair-title">{ d.name.clone() }</h1>
                <span class={classes!("badge", kind.key())} id="fair-status">{ status(lang, kind) }</span>
            </div>
            if let FairStatus::Cancelled { reason } = &fair.status {
                <p class="banner warn">{ fill(T::CancelledBecause.get(lang), &[("reason", reason.clone())]) }</p>
            }
            <p><a class="history-link" href={format!("#/history?fair={id}")}>{ lang.pick("这场招聘会的历史记录", "History of this fair") }</a></p>
            <dl class="details">
                <dt>{ T::ColSeries.get(lang) }</dt>
                <dd>{ series.map(|s| format!("{} ({})", s.name, series_kind(lang, &s.kind))).unwrap_or_else(|| T::NoSeries.get(lang).into()) }</dd>
                <dt>{ T::FieldIndustry.get(lang) }</dt><dd>{ lang.pick(d.industry.zh(), d.industry.en()) }</dd>
                <dt>{ T::ColMode.get(lang) }</dt><dd>{ mode(lang, d.mode) }</dd>
                <dt>{ T::ColVenue.get(lang) }</dt><dd>{ format::venue(lang, d) }</dd>
                <dt>{ T::ColDates.get(lang) }</dt><dd>{ format::schedule(lang, d.schedule.as_ref()) }</dd>
                <dt>{ T::FieldCapacity.get(lang) }</dt><dd>{ d.capacity.map(|c| c.to_string()).unwrap_or_else(|| "—".into()) }</dd>
                if let Some(o) = fair.outcome {
                    <dt>{ lang.pick("成效", "Results") }</dt>
                    <dd id="fair-outcome">{ fill(lang.pick("参会 {v} 人 · 投递简历 {a} 份 · 录用 {h} 人 · 返岗复工 {b} 人", "{v} visitors · {a} applications · {h} hires · {b} back to work"),
                        &[("v", o.visitors.to_string()), ("a", o.applications.to_string()), ("h", o.hires.to_string()), ("b", o.returned_to_work.to_string())]) }</dd>
                }
                <dt>{ lang.pick("版本", "Version") }</dt><dd>{ fair.version }</dd>
            </dl>
            if let Some(ent) = prefs.session.subject.filter(|_| prefs.session.role == Role::Enterprise) {
                <FairNotices enterprise={EnterpriseId(ent)} fair={Some(id)} />
            }
            <div class="fair-booths">
                if d.mode.is_physical() {
                    <p id="booth-summary">{ plan_summary(lang, &plan) }</p>
                }
                if d.mode != FairMode::Onsite {
                    <p id="virtual-summary">{ fill(OT::VirtualSummary.get(lang), &[("taken", plan.virtual_taken.to_string()), ("total", plan.virtual_booths.to_string())]) }</p>
                }
                <div class="actions">
                    <Link<Route> to={Route::FloorPlan { id: id.to_string() }} classes="button secondary open-plan">{ OT::FloorPlanLink.get(lang) }</Link<Route>>
                    if organizer {
                        <Link<Route> to={Route::BoothRequests { id: id.to_string() }} classes="button secondary open-requests">
                            { fill(OT::RequestsLink.get(lang), &[("n", waiting.to_string())]) }
                        </Link<Route>>
                    }
                </div>
            </div>
            if let Some(e) = &error { <p class="banner danger" role="alert" id="action-error">{ e.clone() }</p> }
            if organizer && open && app.writable() {
                <div class="actions">
                    <Link<Route> to={Route::EditFair { id: id.to_string() }} classes="button secondary">{ T::Edit.get(lang) }</Link<Route>>
                    if draft { <button type="button" id="publish" disabled={busy} onclick={send(FairCommand::PublishFair { fair_id: id }.into())}>{ T::Publish.get(lang) }</button> }
                    if published { <button type="button" id="close" class="secondary" disabled={busy} onclick={send(FairCommand::CloseFair { fair_id: id }.into())}>{ T::CloseFair.get(lang) }</button> }
                    if published && !*cancelling {
                        <PostponeFair key={fair.version} fair={id} schedule={d.schedule}>
                            <AffectedEnterprises fair={id} />
                        </PostponeFair>
                    }
                    if !*cancelling {
                        <button type="button" class="danger" id="cancel-fair" onclick={{ let c = cancelling.clone(); Callback::from(move |_| c.set(true)) }}>{ T::CancelFair.get(lang) }</button>
                    }
                </div>
                if *cancelling {
                    <div class="cancel-box">
                        <AffectedEnterprises fair={id} />
                        <Field id="reason" label={T::CancelReason.get(lang)} error={reason_error}>
                            <textarea id="reason" rows="2" value={(*reason).clone()}
                                oninput={{ let r = reason.clone(); Callback::from(move |e: InputEvent| r.set(input_value(&e))) }} />
                        </Field>
                        <div class="actions">
                            <button type="button" class="danger" id="confirm-cancel" disabled={busy}
                                onclick={send(FairCommand::CancelFair { fair_id: id, reason: (*reason).clone() }.into())}>{ T::ConfirmCancel.get(lang) }</button>
                            <button type="button" class="secondary" onclick={{ let c = cancelling.clone(); Callback::from(move |_| c.set(false)) }}>{ T::KeepFair.get(lang) }</button>
                        </div>
                    </div>
                }
            }
            if !organizer { <crate::components::OnlyOrganizersNote /> }
            if organizer && app.writable() { <FairOutcomeForm key={format!("{id}-{}", fair.version)} fair_id={id} /> }
            <FairBookings fair_id={id} />
        </article>
    }
}

#[derive(Properties, PartialEq)]
pub struct AffectedProps {
    pub fair: FairId,
}

/// The enterprises a change to this fair (new dates, venue, cancellation) will be shown to.
#[component]
pub fn AffectedEnterprises(props: &AffectedProps) -> Html {
    let app = use_app();
    let lang = use_prefs().lang;
    let engine = app.view();
    let affected = views::affected_by_fair_change(&engine, props.fair);
    if affected.is_empty() {
        return html! {};
    }
    html! {
        <div class="banner warn affected" role="note">
            <p>{ fill(OT::AffectedCount.get(lang), &[("n", affected.len().to_string())]) }</p>
            <ul>
                { for affected.iter().map(|a| html! {
                    <li key={a.booking_id.to_string()}>{ a.name.clone() }
                        { a.booth_code.as_ref().map(|c| format!(" · {c}")).unwrap_or_default() }
                        { " · " }{ crate::organizer_ui::booking_status(lang, &a.status) }</li>
                }) }
            </ul>
        </div>
    }
}
