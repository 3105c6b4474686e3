use chrono::NaiveDate;
use fairlog_domain::booking::{rules_of, BookingCommand, BookingStatus, BoothTarget};
use fairlog_domain::enterprise_views::{
    active_bookings_at, bookable_fairs, booth_code, booths_by_zone, enterprise_waitlist, jobs_offered_at_fair,
    requests_close_at, requests_open, virtual_booths, FairFilter,
};
use fairlog_domain::fair::FairMode;
use fairlog_domain::ids::{BookingId, FairId, WaitlistId, ZoneId};
use fairlog_domain::industry::Industry;
use fairlog_domain::place::District;
use fairlog_domain::Intent;
use yew::prelude::*;
use yew_router::prelude::*;

use super::enterprise_common::{not_acting, Problems};
use crate::app::Route;
use crate::components::{input_value, local_time, BoothPicker, VirtualList};
use crate::enterprise_texts::{booking_status, ET};
use crate::format;
use crate::hooks::use_command;
use crate::i18n::{fill, mode, T};
use crate::session::{use_current_enterprise, use_prefs};
use crate::store::{now, use_app};

/// Each row of the bookable fairs list, in CSS pixels.
const BOOKABLE_ROW_HEIGHT: u32 = 44;

#[derive(Clone, Default, PartialEq, Debug)]
struct Filters {
    industry: String,
    district: String,
    mode: String,
    from: String,
    to: String,
}

impl Filters {
    fn to_filter(&self) -> FairFilter {
        let date = |s: &str| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
        FairFilter {
            industry: Industry::from_key(&self.industry),
            district: District::from_key(&self.district),
            mode: FairMode::from_key(&self.mode),
            from: date(&self.from),
            to: date(&self.to),
        }
    }
}

/// Published fairs to book a booth at, filtered by industry, district, date and mode.
#[component]
pub fn BoothFairsPage() -> Html {
    let app = use_app();
    let lang = use_prefs().lang;
    let filters = use_state(Filters::default);
    let set = |apply: fn(&mut Filters, String)| {
        let filters = filters.clone();
        Callback::from(move |e: Event| {
            let mut f = (*filters).clone();
            apply(&mut f, input_value(&e));
            filters.set(f);
        })
    };
    let view = app.view();
    let state: &fairlog_domain::State = &view;
    let f = (*filters).clone();
    let fairs = bookable_fairs(state, &f.to_filter());
    // Only the rows in view are rendered (a city's season has more than a thousand fairs): each
    // asks for its fair by its place in the list.
    let ids: std::rc::Rc<Vec<FairId>> = std::rc::Rc::new(fairs.iter().map(|f| f.id).collect());
    let row = {
        let app = app.clone();
        let ids = ids.clone();
        Callback::from(move |i: usize| {
            let view = app.view();
            let state: &fairlog_domain::State = &view;
            let Some(fair) = ids.get(i).and_then(|id| state.fairs.get(id)) else { return html! {} };
            let free = fairlog_domain::booking::free_booths(state, fair.id);
            let has_plan =
                state.floor_plans.get(&fair.id).is_some_and(|p| !p.booths.is_empty() || p.virtual_booths > 0);
            let open = requests_open(state, fair, now());
            html! {
                <div class="vlist-cells" key={fair.id.to_string()} data-fair={fair.id.to_string()}>
                    <div role="cell"><Link<Route> to={Route::BookBooth { id: fair.id.to_string() }}>{ fair.details.name.clone() }</Link<Route>></div>
                    <div role="cell">{ mode(lang, fair.details.mode) }</div>
                    <div role="cell">{ format::venue(lang, &fair.details) }</div>
                    <div role="cell" class="nowrap">{ format::schedule(lang, fair.details.schedule.as_ref()) }</div>
                    <div role="cell" class="num">{ if has_plan { free.to_string() } else { ET::NoFloorPlan.get(lang).to_owned() } }</div>
                    <div role="cell" class="num">{ jobs_offered_at_fair(state, fair.id) }</div>
                    <div role="cell" class="nowrap">{ if open { requests_close_at(state, fair).map(local_time).unwrap_or_default() } else { ET::RequestsClosed.get(lang).to_owned() } }</div>
                </div>
            }
        })
    };
    let header = html! {
        <>
            <div role="columnheader">{ T::ColName.get(lang) }</div>
            <div role="columnheader">{ T::ColMode.get(lang) }</div>
            <div role="columnheader">{ T::ColVenue.get(lang) }</div>
            <div role="columnheader">{ T::ColDates.get(lang) }</div>
            <div role="columnheader" class="num">{ ET::ColFreeBooths.get(lang) }</div>
            <div role="columnheader" class="num">{ ET::JobsOffered.get(lang) }</div>
            <div role="columnheader">{ ET::ColRequestsClose.get(lang) }</div>
        </>
    };
    let count = fill(ET::BookableCount.get(lang), &[("n", fairs.len().to_string())]);
    html! {
        <section aria-labelledby="book-title">
            <h1 id="book-title">{ ET::BookTitle.get(lang) }</h1>
            <form class="filters" role="search" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <label>{ ET::FilterIndustry.get(lang) }
                    <select id="filter-industry" onchange={set(|f, v| f.industry = v)}>
                        <option value="" selected={f.industry.is_empty()}>{ ET::Any.get(lang) }</option>
                        { for Industry::ALL.iter().map(|i| html! { <option value={i.key()} selected={f.industry == i.key()}>{ lang.pick(i.zh(), i.en()) }</option> }) }
                    </select>
                </label>
                <label>{ ET::FilterDistrict.get(lang) }
                    <select id="filter-district" onchange={set(|f, v| f.district = v)}>
                        <option value="" selected={f.district.is_empty()}>{ ET::Any.get(lang) }</option>
                        { for District::ALL.iter().map(|d| html! { <option value={d.key()} selected={f.district == d.key()}>{ lang.pick(d.zh(), d.en()) }</option> }) }
                    </select>
                </label>
                <label>{ ET::FilterMode.get(lang) }
                    <select id="filter-mode" onchange={set(|f, v| f.mode = v)}>
                        <option value="" selected={f.mode.is_empty()}>{ ET::Any.get(lang) }</option>
                        { for FairMode::ALL.iter().map(|m| html! { <option value={m.key()} selected={f.mode == m.key()}>{ mode(lang, *m) }</option> }) }
                    </select>
                </label>
                <label>{ ET::FilterFrom.get(lang) }<input id="filter-from" type="date" value={f.from.clone()} onchange={set(|f, v| f.from = v)} /></label>
                <label>{ ET::FilterTo.get(lang) }<input id="filter-to" type="date" value={f.to.clone()} onchange={set(|f, v| f.to = v)} /></label>
            </form>
            if fairs.is_empty() {
                <p class="empty">{ ET::NoFairsMatch.get(lang) }</p>
            } else {
                <VirtualList id="bookable-fairs" class="bookable-list" len={fairs.len()} row_height={BOOKABLE_ROW_HEIGHT}
                    label={ET::BookTitle.get(lang)} count={AttrValue::from(count)} header={header} row={row} reset={format!("{f:?}")} />
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct BookBoothProps {
    pub id: String,
}

/// One fair: its floor plan with free booths, the enterprise's booths there, a request for a
/// booth or for any booth in a zone, and the waitlist when a zone (or the fair) is full.
#[component]
pub fn BookBoothPage(props: &BookBoothProps) -> Html {
    let app = use_app();
    let prefs = use_prefs();
    let lang = prefs.lang;
    let command = use_command();
    let current = use_current_enterprise();
    let selected = use_state(|| None::<BoothTarget>);
    let problems = use_state(Problems::default);

    let Ok(fair_id) = props.id.parse::<FairId>() else {
        return html! { <p class="empty">{ T::FairNotFound.get(lang) }</p> };
    };
    let view = app.view();
    let state: &fairlog_domain::State = &view;
    let Some(fair) = state.fairs.get(&fair_id) else {
        return html! { <p class="empty">{ T::FairNotFound.get(lang) }</p> };
    };
    let head = html! {
        <>
            <p><Link<Route> to={Route::BoothFairs}>{ "← " }{ ET::BookTitle.get(lang) }</Link<Route>></p>
            <h1 id="book-fair-title">{ fair.details.name.clone() }</h1>
            <p class="muted">{ format::schedule(lang, fair.details.schedule.as_ref()) }{ " · " }{ format::venue(lang, &fair.details) }{ " · " }{ mode(lang, fair.details.mode) }</p>
        </>
    };
    let Some(me) = current else {
        return html! { <section>{ head }{ not_acting(lang, &prefs.session) }</section> };
    };

    let send = |intent: Intent| {
        let (command, problems, selected) = (command.clone(), problems.clone(), selected.clone());
        Callback::from(move |_: MouseEvent| {
            let (problems, selected) = (problems.clone(), selected.clone());
            command.run(intent.clone(), move |r| match r {
                Ok(_) => {
                    problems.set(Problems::default());
                    selected.set(None);
                }
                Err(e) => problems.set(Problems::of(lang, e)),
            });
        })
    };
    let busy = command.busy();

    let rules = rules_of(state, fair_id);
    let open = requests_open(state, fair, now());
    let writable = app.writable();
    let mine = active_bookings_at(state, me, fair_id);
    let zones = booths_by_zone(state, fair_id);
    let virt = virtual_booths(state, fair_id);
    let all_full = fairlog_domain::booking::free_booths(state, fair_id) == 0;
    let has_booths = !zones.is_empty() || virt.is_some();
    let waiting = enterprise_waitlist(state, me)
        .into_iter()
        .filter(|l| l.entry.fair_id == fair_id && l.position.is_some())
        .collect::<Vec<_>>();
    let request = (*selected).map(|target| {
        send(
            BookingCommand::RequestBooth {
                booking_id: BookingId(uuid::Uuid::new_v4()),
                fair_id,
                enterprise_id: me,
                target,
            }
            .into(),
        )
    });
    let join = |zone_id: Option<ZoneId>| {
        send(
            BookingCommand::JoinWaitlist {
                waitlist_id: WaitlistId(uuid::Uuid::new_v4()),
                fair_id,
                enterprise_id: me,
                zone_id,
            }
            .into(),
        )
    };
    let on_select = {
        let selected = selected.clone();
        Callback::from(move |t: BoothTarget| selected.set(Some(t)))
    };
    let booth_error = problems.at("booth").or_else(|| problems.at("zone"));

    html! {
        <section aria-labelledby="book-fair-title" class="book-booth">
            { head }
            if !mine.is_empty() {
                <div class="card" id="my-booths-here">
                    <h2>{ ET::YourBookingsHere.get(lang) }</h2>
                    <ul>
                        { for mine.iter().map(|b| {
                            let what = b.booth_id.and_then(|x| booth_code(state, x)).map(str::to_owned).unwrap_or_else(|| ET::VirtualBooth.get(lang).to_owned());
                            let deadline = match b.status {
                                BookingStatus::Requested { hold_until } => fill(ET::HeldUntil.get(lang), &[("t", local_time(hold_until))]),
                                BookingStatus::Offered { until } => fill(ET::OfferUntil.get(lang), &[("t", local_time(until))]),
                                _ => String::new(),
                            };
                            html! { <li key={b.id.to_string()}><strong>{ what }</strong>{ " · " }{ booking_status(lang, &b.status) }{ " " }<span class="muted">{ deadline }</span></li> }
                        }) }
                    </ul>
                    <Link<Route> to={Route::MyBookings}>{ ET::NavMyBookings.get(lang) }</Link<Route>>
                </div>
            }
            { for waiting.iter().map(|l| html! {
                <p class="banner ok" id="waiting-here">{ fill(ET::Joined.get(lang), &[("n", l.position.unwrap_or(0).to_string())]) }</p>
            }) }
            if let Some(msg) = &problems.form { <p class="banner danger" role="alert" id="form-error">{ msg.clone() }</p> }
            if !open { <p class="banner warn" role="note" id="requests-closed">{ ET::RequestsClosed.get(lang) }{ requests_close_at(state, fair).map(|t| lang.pick("（{t}）", " ({t})").replace("{t}", &local_time(t))).unwrap_or_default() }</p> }
            <BoothPicker fair_id={fair_id} enterprise={Some(me)} selected={*selected} on_select={on_select} disabled={!writable} />
            if let Some(e) = booth_error { <p class="field-error" role="alert" data-field="booth" id="booth-error">{ e }</p> }
            if has_booths {
                <p class="hint">{ fill(ET::HoldNote.get(lang), &[("h", rules.hold_hours.to_string())]) }{ " " }{ fill(ET::LimitNote.get(lang), &[("n", rules.max_booths_per_enterprise.to_string())]) }</p>
                <div class="actions">
                    <button type="button" id="request-booth" disabled={request.is_none() || busy || !writable}
                        onclick={request.clone().unwrap_or_default()}>{ ET::RequestBooth.get(lang) }</button>
                    if request.is_none() { <span class="hint">{ ET::ChooseBoothFirst.get(lang) }</span> }
                </div>
            }
            if has_booths && (all_full || zones.iter().any(|z| z.free == 0)) {
                <div class="waitlist-box">
                    <p class="hint">{ ET::WaitlistNote.get(lang) }</p>
                    <div class="actions">
                        { for zones.iter().filter(|z| z.free == 0).map(|z| html! {
                            <button type="button" class="secondary join-waitlist" key={z.zone.id.to_string()} disabled={busy || !writable}
                                onclick={join(Some(z.zone.id))}>{ fill(ET::JoinWaitlistZone.get(lang), &[("zone", z.zone.name.clone())]) }</button>
                        }) }
                        if all_full {
                            <button type="button" class="secondary join-waitlist" id="join-fair-waitlist" disabled={busy || !writable}
                                onclick={join(None)}>{ ET::JoinWaitlistFair.get(lang) }</button>
                        }
                    </div>
                </div>
            }
        </section>
    }
}
