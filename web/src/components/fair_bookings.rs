//! On a fair's page: jobs offered there (Σ headcount of open posts) and, for the organizer, the
//! booth requests with a minimal "approve" action, and the waitlist in joining order with the
//! reason for each promotion. (The full approval queue is the organizer side's.)
use fairlog_domain::booking::{BookingCommand, BookingStatus, WaitlistStatus};
use fairlog_domain::enterprise_views::{
    booth_code, fair_bookings, fair_waitlist, jobs_offered_at_fair, posts_at_fair, zone_name,
};
use fairlog_domain::ids::{BookingId, EnterpriseId, FairId, WaitlistId};
use fairlog_domain::time::to_local;
use fairlog_domain::{Role, State};
use yew::prelude::*;

use super::BookingRulesForm;
use crate::enterprise_texts::{booking_status, freed_by, skip_reason, ET};
use crate::hooks::use_command;
use crate::i18n::{fill, Lang};
use crate::session::use_prefs;
use crate::store::use_app;

#[derive(Properties, PartialEq)]
pub struct FairBookingsProps {
    pub fair_id: FairId,
}

pub fn local_time(t: chrono::DateTime<chrono::Utc>) -> String {
    to_local(t).format("%Y-%m-%d %H:%M").to_string()
}

pub fn enterprise_name(state: &State, id: EnterpriseId) -> String {
    state.enterprises.get(&id).map(|e| e.profile.name.clone()).unwrap_or_else(|| id.to_string())
}

fn waitlist_enterprise(state: &State, id: WaitlistId) -> String {
    state.waitlist.get(&id).map(|w| enterprise_name(state, w.enterprise_id)).unwrap_or_default()
}

fn booth_text(state: &State, lang: Lang, booth: Option<fairlog_domain::ids::BoothId>) -> String {
    match booth {
        Some(b) => booth_code(state, b).unwrap_or("?").to_owned(),
        None => ET::VirtualBooth.get(lang).to_owned(),
    }
}

#[component]
pub fn FairBookings(props: &FairBookingsProps) -> Html {
    let app = use_app();
    let prefs = use_prefs();
    let lang = prefs.lang;
    let command = use_command();
    let view = app.view();
    let state: &fairlog_domain::State = &view;
    let fair = props.fair_id;
    let jobs = jobs_offered_at_fair(state, fair);
    let posts =
        posts_at_fair(state, fair, None).iter().filter(|p| p.status == fairlog_domain::post::PostStatus::Open).count();
    let organizer = prefs.session.role == Role::Organizer;
    let writable = app.writable();

    let approve = |booking_id: BookingId| {
        let command = command.clone();
        Callback::from(move |_: MouseEvent| command.run(BookingCommand::ApproveBooking { booking_id }, |_| {}))
    };
    let (error, busy) = (command.problem_text(), command.busy());

    let bookings = fair_bookings(state, fair);
    let waitlist = fair_waitlist(state, fair);
    html! {
        <section class="fair-bookings" aria-labelledby="bookings-title">
            <p class="figure" id="jobs-at-fair">{ fill(ET::JobsAtFair.get(lang), &[("n", jobs.to_string()), ("posts", posts.to_string())]) }</p>
            if organizer {
                <h2 id="bookings-title">{ ET::BookingsPanel.get(lang) }</h2>
                if writable { <BookingRulesForm fair_id={fair} /> }
                if let Some(e) = &error { <p class="banner danger" role="alert" id="bookings-error">{ e.clone() }</p> }
                if bookings.is_empty() {
                    <p class="muted">{ ET::NoBookingsAtFair.get(lang) }</p>
                } else {
                    <div class="table-wrap">
                    <table class="bookings" id="fair-bookings">
                        <thead><tr>
                            <th scope="col">{ ET::ColEnterprise.get(lang) }</th>
                            <th scope="col">{ ET::ColBooth.get(lang) }</th>
                            <th scope="col">{ ET::ColBookingStatus.get(lang) }</th>
                            <th scope="col">{ ET::ColDeadline.get(lang) }</th>
                            <th scope="col">{ ET::ColActions.get(lang) }</th>
                        </tr></thead>
                        <tbody>
                        { for bookings.iter().map(|b| {
                            let name = enterprise_name(state, b.enterprise_id);
                            let pending = matches!(b.status, BookingStatus::Requested { .. });
                            html! {
                                <tr key={b.id.to_string()} data-booking={b.id.to_string()}>
                                    <td>{ name.clone() }</td>
                                    <td>{ booth_text(state, lang, b.booth_id) }</td>
                                    <td>{ booking_status(lang, &b.status) }</td>
                                    <td class="nowrap">{ b.status.deadline().map(local_time).unwrap_or_default() }</td>
                                    <td>
                                        if pending && writable {
                                            <button type="button" class="small" disabled={busy} onclick={approve(b.id)}
                                                aria-label={format!("{} {name}", ET::Approve.get(lang))}>{ ET::Approve.get(lang) }</button>
                                        }
                                    </td>
                                </tr>
                            }
                        }) }
                        </tbody>
                    </table>
                    </div>
                }
                <h2>{ ET::WaitlistPanel.get(lang) }</h2>
                if waitlist.is_empty() {
                    <p class="muted">{ ET::NoWaitlist.get(lang) }</p>
                } else {
                    <ol class="waitlist" id="fair-waitlist">
                        { for waitlist.iter().map(|l| {
                            let e = l.entry;
                            let zone = e.zone_id.and_then(|z| zone_name(state, e.fair_id, z)).map(str::to_owned)
                                .unwrap_or_else(|| ET::AnyZone.get(lang).to_owned());
                            let status = match &e.status {
                                WaitlistStatus::Waiting => fill(ET::Position.get(lang), &[("n", l.position.unwrap_or(0).to_string())]),
                                WaitlistStatus::Offered { .. } => ET::WaitStatusOffered.get(lang).to_owned(),
                                WaitlistStatus::Served { .. } => ET::WaitStatusServed.get(lang).to_owned(),
                                WaitlistStatus::Left => ET::WaitStatusLeft.get(lang).to_owned(),
                                WaitlistStatus::Lapsed { .. } => ET::WaitStatusLapsed.get(lang).to_owned(),
                            };
                            html! {
                                <li key={e.id.to_string()} data-waitlist={e.id.to_string()}>
                                    <strong>{ enterprise_name(state, e.enterprise_id) }</strong>
                                    { format!(" · {zone} · {} · {status}", local_time(e.joined_at)) }
                                    if let Some(p) = &e.promotion {
                                        <p class="promotion">
                                            { fill(ET::PromotionText.get(lang), &[
                                                ("t", local_time(p.offered_at)),
                                                ("booth", booth_text(state, lang, p.booth_id)),
                                                ("cause", freed_by(lang, p.freed_by).to_owned()),
                                                ("from", state.bookings.get(&p.freed_from).map(|b| enterprise_name(state, b.enterprise_id)).unwrap_or_default()),
                                            ]) }
                                        </p>
                                        { for p.skipped.iter().map(|s| html! {
                                            <p class="skipped">{ fill(ET::SkippedText.get(lang), &[("who", waitlist_enterprise(state, s.waitlist_id)), ("why", skip_reason(lang, s.why).to_owned())]) }</p>
                                        }) }
                                    }
                                </li>
                            }
                        }) }
                    </ol>
                }
            }
        </section>
    }
}
