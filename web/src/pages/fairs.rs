use std::rc::Rc;

use fairlog_domain::demo::{demo_commands, demo_commands_for_server};
use fairlog_domain::fair::Fair;
use fairlog_domain::ids::{EnterpriseId, FairId};
use fairlog_domain::views::{self, FairFilter};
use fairlog_domain::Role;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::{CalendarSpan, FairCalendar, FairFilters, FairNotices, VirtualList};
use crate::format;
use crate::hooks::use_command;
use crate::i18n::{fill, mode, status, T};
use crate::organizer_ui::OT;
use crate::pages::series::SeriesQuery;
use crate::session::use_prefs;
use crate::store::{now, use_app, Phase};

/// Each row of the fair list, in CSS pixels.
const FAIR_ROW_HEIGHT: u32 = 44;

/// The list of all fairs (or a month or week calendar), filtered; or the welcome screen on first run.
#[component]
pub fn FairsPage() -> Html {
    let app = use_app();
    let prefs = use_prefs();
    let lang = prefs.lang;
    let location = use_location();
    let filter = use_state(|| {
        let series = location.as_ref().and_then(|l| l.query::<SeriesQuery>().ok()).and_then(|q| q.series.parse().ok());
        FairFilter { series, ..FairFilter::default() }
    });
    let view = use_state(|| "list");
    if app.store.engine().log().is_empty() && app.phase == Phase::Ready {
        return html! { <Welcome /> };
    }
    let view_state = app.view();
    let state: &fairlog_domain::State = &view_state;
    let fairs: Vec<&Fair> = views::fairs(state, &filter);
    let on_change = {
        let filter = filter.clone();
        Callback::from(move |f: FairFilter| filter.set(f))
    };
    let pick = |v: &'static str| {
        let view = view.clone();
        Callback::from(move |_: MouseEvent| view.set(v))
    };
    let header = html! {
        <>
            <div role="columnheader">{ T::ColName.get(lang) }</div>
            <div role="columnheader">{ T::ColSeries.get(lang) }</div>
            <div role="columnheader">{ T::ColMode.get(lang) }</div>
            <div role="columnheader">{ T::ColVenue.get(lang) }</div>
            <div role="columnheader">{ T::ColDates.get(lang) }</div>
            <div role="columnheader">{ T::ColStatus.get(lang) }</div>
        </>
    };
    // Only the rows in view are rendered: each asks for its fair by its place in the list.
    let ids: Rc<Vec<FairId>> = Rc::new(fairs.iter().map(|f| f.id).collect());
    let row = {
        let app = app.clone();
        let ids = ids.clone();
        Callback::from(move |i: usize| {
            let view = app.view();
            let Some(f) = ids.get(i).and_then(|id| view.fairs.get(id)) else { return html! {} };
            let series = f
                .details
                .series
                .and_then(|s| view.series.get(&s))
                .map(|s| s.name.clone())
                .unwrap_or_else(|| T::NoSeries.get(lang).to_owned());
            let kind = f.status.kind();
            html! {
                <div class="vlist-cells" key={f.id.to_string()} data-fair={f.id.to_string()}>
                    <div role="cell"><Link<Route> to={Route::Fair { id: f.id.to_string() }}>{ f.details.name.clone() }</Link<Route>></div>
                    <div role="cell">{ series }</div>
                    <div role="cell">{ mode(lang, f.details.mode) }</div>
                    <div role="cell">{ format::venue(lang, &f.details) }</div>
                    <div role="cell" class="nowrap">{ format::schedule(lang, f.details.schedule.as_ref()) }</div>
                    <div role="cell"><span class={classes!("badge", kind.key())}>{ status(lang, kind) }</span></div>
                </div>
            }
        })
    };
    let unscheduled = fairs.iter().filter(|f| f.details.schedule.is_none()).count();
    let subject = prefs.session.subject.filter(|_| prefs.session.role == Role::Enterprise);
    html! {
        <section aria-labelledby="fairs-title">
            <div class="page-head">
                <h1 id="fairs-title">{ T::FairsTitle.get(lang) }</h1>
                <span class="muted" id="fairs-count">{ if filter.is_empty() {
                    fill(T::FairsCount.get(lang), &[("n", fairs.len().to_string())])
                } else {
                    fill(OT::MatchCount.get(lang), &[("n", fairs.len().to_string()), ("total", state.fairs.len().to_string())])
                } }</span>
                <div class="view-switch" role="group" aria-label={OT::Filters.get(lang)}>
                    <button type="button" id="view-list" class={classes!("secondary", (*view == "list").then_some("active"))}
                        aria-pressed={(*view == "list").to_string()} onclick={pick("list")}>{ OT::ViewList.get(lang) }</button>
                    <button type="button" id="view-month" class={classes!("secondary", (*view == "month").then_some("active"))}
                        aria-pressed={(*view == "month").to_string()} onclick={pick("month")}>{ OT::ViewMonth.get(lang) }</button>
                    <button type="button" id="view-week" class={classes!("secondary", (*view == "week").then_some("active"))}
                        aria-pressed={(*view == "week").to_string()} onclick={pick("week")}>{ OT::ViewWeek.get(lang) }</button>
                </div>
            </div>
            if let Some(ent) = subject { <FairNotices enterprise={EnterpriseId(ent)} /> }
            <FairFilters filter={(*filter).clone()} {on_change} />
            if *view == "month" || *view == "week" {
                <FairCalendar filter={(*filter).clone()} span={if *view == "week" { CalendarSpan::Week } else { CalendarSpan::Month }} />
                if unscheduled > 0 { <p class="muted">{ fill(OT::Unscheduled.get(lang), &[("n", unscheduled.to_string())]) }</p> }
            } else if fairs.is_empty() {
                <p class="empty">{ if state.fairs.is_empty() { T::NoFairsYet.get(lang) } else { OT::NoMatch.get(lang) } }</p>
            } else {
                <VirtualList id="fair-list" class="fair-list" len={fairs.len()} row_height={FAIR_ROW_HEIGHT}
                    label={T::FairsTitle.get(lang)} header={header} row={row} reset={format!("{:?}", *filter)} />
            }
        </section>
    }
}

/// First run: load the demo season (through real commands) or start empty.
#[component]
fn Welcome() -> Html {
    let prefs = use_prefs();
    let lang = prefs.lang;
    let command = use_command();
    let served = command.commander().store.is_replica();
    let busy = command.busy();
    let navigator = use_navigator();
    let load_demo = Callback::from(move |_| {
        // In this browser's own log the demo season's commands say their own actors and times; a
        // server decides each as the account, at its clock, so it gets the part it can record.
        let cmds = if served {
            demo_commands_for_server(command.actor(), now(), uuid::Uuid::new_v4)
        } else {
            demo_commands(now(), uuid::Uuid::new_v4)
        };
        let shown = command.clone();
        command.run_commands(cmds, move |r| shown.notice_failure(r));
    });
    let start_empty = Callback::from(move |_| {
        if let Some(n) = &navigator {
            n.push(&Route::NewFair);
        }
    });
    let organizer = prefs.session.role == Role::Organizer;
    html! {
        <section class="welcome" aria-labelledby="welcome-title">
            <h1 id="welcome-title">{ T::WelcomeTitle.get(lang) }</h1>
            // On a server the account is who acts: an enterprise or a host can neither load the
            // demo (a server records it as the account) nor plan a fair, so it is told that the
            // fairs come when an organizer publishes them. In this browser alone the demo's
            // commands carry their own actors and the role can be switched.
            if served && !organizer {
                <p id="welcome-waiting">{ crate::sync::text::ST::WelcomeWaiting.get(lang) }</p>
            } else {
                <p>{ if served { crate::sync::text::ST::WelcomeBody.get(lang) } else { T::WelcomeBody.get(lang) } }</p>
                <div class="actions">
                    <button type="button" id="load-demo" onclick={load_demo} disabled={busy}>{ T::LoadDemo.get(lang) }</button>
                    <button type="button" class="secondary" onclick={start_empty}>{ T::StartEmpty.get(lang) }</button>
                </div>
                if !organizer { <crate::components::OnlyOrganizersNote /> }
            }
        </section>
    }
}
