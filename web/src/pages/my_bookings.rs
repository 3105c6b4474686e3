use fairlog_domain::booking::{BookingCommand, BookingStatus, WaitlistStatus};
use fairlog_domain::enterprise_views::{booth_code, enterprise_bookings, enterprise_waitlist, zone_name};
use fairlog_domain::ids::BookingId;
use fairlog_domain::Intent;
use yew::prelude::*;
use yew_router::prelude::*;

use super::enterprise_common::not_acting;
use crate::app::Route;
use crate::components::local_time;
use crate::enterprise_texts::{booking_status, ET};
use crate::hooks::use_command;
use crate::i18n::fill;
use crate::session::{use_current_enterprise, use_prefs};
use crate::store::use_app;

/// The enterprise's own booths: holds with their deadlines (Shanghai time), waitlist offers to
/// accept or decline, cancellation, and its waitlist places.
#[component]
pub fn MyBookingsPage() -> Html {
    let app = use_app();
    let prefs = use_prefs();
    let lang = prefs.lang;
    let command = use_command();
    let current = use_current_enterprise();
    // The booking the last command was about (its row shows the refusal), if any.
    let about = use_state(|| None::<BookingId>);
    let Some(me) = current else {
        return html! { <section><h1>{ ET::MyBookingsTitle.get(lang) }</h1>{ not_acting(lang, &prefs.session) }</section> };
    };
    let send = |row: Option<BookingId>, intent: Intent| {
        let (command, about) = (command.clone(), about.clone());
        Callback::from(move |_: MouseEvent| {
            if command.busy() {
                return;
            }
            about.set(row);
            command.run(intent.clone(), |_| {});
        })
    };
    let error = command.problem_text().map(|text| (*about, text));
    let busy = command.busy();
    let view = app.view();
    let state: &fairlog_domain::State = &view;
    let writable = app.writable();
    let bookings = enterprise_bookings(state, me);
    let waitlist = enterprise_waitlist(state, me);
    let fair_name = |id| state.fairs.get(&id).map(|f| f.details.name.clone()).unwrap_or_default();
    let booth = |b: Option<fairlog_domain::ids::BoothId>| {
        b.and_then(|x| booth_code(state, x)).map(str::to_owned).unwrap_or_else(|| ET::VirtualBooth.get(lang).to_owned())
    };
    html! {
        <section aria-labelledby="bookings-title">
            <h1 id="bookings-title">{ ET::MyBookingsTitle.get(lang) }</h1>
            if let Some((None, e)) = &error { <p class="banner danger" role="alert" id="action-error">{ e.clone() }</p> }
            { for bookings.iter().filter_map(|b| match b.status { BookingStatus::Offered { until } => Some((b, until)), _ => None }).map(|(b, until)| html! {
                <div class="banner ok offer" role="status" key={b.id.to_string()} id="offer-banner">
                    <p>{ fill(ET::OfferBanner.get(lang), &[("booth", booth(b.booth_id)), ("fair", fair_name(b.fair_id)), ("t", local_time(until))]) }</p>
                    if writable {
                        <div class="actions">
                            <button type="button" id="accept-offer" disabled={busy} onclick={send(None, BookingCommand::AcceptOffer { booking_id: b.id }.into())}>{ ET::AcceptOffer.get(lang) }</button>
                            <button type="button" class="secondary" id="decline-offer" disabled={busy} onclick={send(None, BookingCommand::DeclineOffer { booking_id: b.id }.into())}>{ ET::DeclineOffer.get(lang) }</button>
                        </div>
                    }
                </div>
            }) }
            if bookings.is_empty() {
                <p class="empty">{ ET::NoBookingsYet.get(lang) }{ " " }<Link<Route> to={Route::BoothFairs}>{ ET::NavBookBooth.get(lang) }</Link<Route>></p>
            } else {
                <div class="table-wrap">
                <table class="bookings" id="my-bookings">
                    <thead><tr>
                        <th scope="col">{ ET::ColFair.get(lang) }</th>
                        <th scope="col">{ ET::ColBooth.get(lang) }</th>
                        <th scope="col">{ ET::ColBookingStatus.get(lang) }</th>
                        <th scope="col">{ ET::ColDeadline.get(lang) }</th>
                        <th scope="col">{ ET::ColActions.get(lang) }</th>
                    </tr></thead>
                    <tbody>
                    { for bookings.iter().map(|b| {
                        let deadline = match b.status {
                            BookingStatus::Requested { hold_until } => fill(ET::HeldUntil.get(lang), &[("t", local_time(hold_until))]),
                            BookingStatus::Offered { until } => fill(ET::OfferUntil.get(lang), &[("t", local_time(until))]),
                            _ => String::new(),
                        };
                        html! {
                            <>
                            <tr data-status={b.status.key()}>
                                <td><Link<Route> to={Route::BookBooth { id: b.fair_id.to_string() }}>{ fair_name(b.fair_id) }</Link<Route>></td>
                                <td>{ booth(b.booth_id) }</td>
                                <td class="status">{ booking_status(lang, &b.status) }</td>
                                <td class="nowrap">{ deadline }</td>
                                <td>
                                    if b.status.is_active() && writable {
                                        <button type="button" class="small danger cancel-booking" disabled={busy}
                                            onclick={send(Some(b.id), BookingCommand::CancelBooking { booking_id: b.id }.into())}>{ ET::CancelBooking.get(lang) }</button>
                                    }
                                </td>
                            </tr>
                            if let Some((Some(about), e)) = &error {
                                if *about == b.id {
                                    <tr class="row-error"><td colspan="5"><p class="field-error" role="alert" id="booking-error">{ e.clone() }</p></td></tr>
                                }
                            }
                            </>
                        }
                    }) }
                    </tbody>
                </table>
                </div>
            }
            if !waitlist.is_empty() {
                <h2>{ ET::MyWaitlistTitle.get(lang) }</h2>
                <ul class="my-waitlist" id="my-waitlist">
                    { for waitlist.iter().map(|l| {
                        let e = l.entry;
                        let zone = e.zone_id.and_then(|z| zone_name(state, e.fair_id, z)).map(str::to_owned).unwrap_or_else(|| ET::AnyZone.get(lang).to_owned());
                        let status = match &e.status {
                            WaitlistStatus::Waiting => fill(ET::Position.get(lang), &[("n", l.position.unwrap_or(0).to_string())]),
                            WaitlistStatus::Offered { .. } => ET::WaitStatusOffered.get(lang).to_owned(),
                            WaitlistStatus::Served { .. } => ET::WaitStatusServed.get(lang).to_owned(),
                            WaitlistStatus::Left => ET::WaitStatusLeft.get(lang).to_owned(),
                            WaitlistStatus::Lapsed { .. } => ET::WaitStatusLapsed.get(lang).to_owned(),
                        };
                        html! {
                            <li key={e.id.to_string()}>
                                { format!("{} · {zone} · {status}", fair_name(e.fair_id)) }
                                if e.status == WaitlistStatus::Waiting && writable {
                                    { " " }<button type="button" class="small secondary" disabled={busy}
                                        onclick={send(None, BookingCommand::LeaveWaitlist { waitlist_id: e.id }.into())}>{ ET::LeaveWaitlist.get(lang) }</button>
                                }
                            </li>
                        }
                    }) }
                </ul>
            }
        </section>
    }
}
