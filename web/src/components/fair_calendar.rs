//! Month and week calendars of fairs, in Shanghai dates.
use chrono::{Datelike, Duration, Months, NaiveDate};
use fairlog_domain::fair::Fair;
use fairlog_domain::time::to_local;
use fairlog_domain::views::{fairs_by_day, FairFilter};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::i18n::{fill, status, Lang};
use crate::organizer_ui::OT;
use crate::session::use_lang;
use crate::store::{now, use_app};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CalendarSpan {
    Month,
    Week,
}

#[derive(Properties, PartialEq)]
pub struct FairCalendarProps {
    pub filter: FairFilter,
    pub span: CalendarSpan,
}

const WEEKDAYS_ZH: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
const WEEKDAYS_EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

fn monday_of(d: NaiveDate) -> NaiveDate {
    d - Duration::days(d.weekday().num_days_from_monday() as i64)
}

/// The days shown: whole weeks covering the month, or one week.
fn days_shown(anchor: NaiveDate, span: CalendarSpan) -> (NaiveDate, NaiveDate) {
    match span {
        CalendarSpan::Week => {
            let from = monday_of(anchor);
            (from, from + Duration::days(6))
        }
        CalendarSpan::Month => {
            let first = anchor.with_day(1).unwrap_or(anchor);
            let last = (first + Months::new(1)) - Duration::days(1);
            (monday_of(first), monday_of(last) + Duration::days(6))
        }
    }
}

fn chip(lang: Lang, f: &Fair, day: NaiveDate) -> Html {
    let starts_today = f.details.schedule.map(|s| to_local(s.start).date() == day).unwrap_or(false);
    let time = f
        .details
        .schedule
        .filter(|_| starts_today)
        .map(|s| format!("{} ", to_local(s.start).format("%H:%M")))
        .unwrap_or_default();
    let kind = f.status.kind();
    html! {
        <li key={f.id.to_string()} class={classes!("chip", kind.key())}>
            <Link<Route> to={Route::Fair { id: f.id.to_string() }}>
                <span class="chip-time">{ time }</span>{ f.details.name.clone() }
                <span class="visually-hidden">{ format!(" ({})", status(lang, kind)) }</span>
            </Link<Route>>
        </li>
    }
}

#[component]
pub fn FairCalendar(props: &FairCalendarProps) -> Html {
    let lang = use_lang();
    let app = use_app();
    let today = to_local(now()).date();
    let anchor = use_state(|| today);
    let (from, to) = days_shown(*anchor, props.span);
    let step = {
        let anchor = anchor.clone();
        let span = props.span;
        move |dir: i32| {
            let anchor = anchor.clone();
            Callback::from(move |_: MouseEvent| {
                let a = *anchor;
                anchor.set(match (span, dir) {
                    (_, 0) => today,
                    (CalendarSpan::Week, d) => a + Duration::days(7 * d as i64),
                    // Keep the day (clamped to the month's last), so that switching to the week
                    // view stays near where one was.
                    (CalendarSpan::Month, 1) => a.checked_add_months(Months::new(1)).unwrap_or(a),
                    (CalendarSpan::Month, _) => a.checked_sub_months(Months::new(1)).unwrap_or(a),
                })
            })
        }
    };
    let engine = app.view();
    let days = fairs_by_day(&engine, &props.filter, from, to);
    let title = match props.span {
        CalendarSpan::Month => {
            fill(OT::CalendarOf.get(lang), &[("y", anchor.year().to_string()), ("m", anchor.month().to_string())])
        }
        CalendarSpan::Week => fill(
            OT::WeekOf.get(lang),
            &[("from", from.format("%Y-%m-%d").to_string()), ("to", to.format("%Y-%m-%d").to_string())],
        ),
    };
    let weekdays = if lang == Lang::Zh { WEEKDAYS_ZH } else { WEEKDAYS_EN };
    let month = anchor.month();
    let mut weeks: Vec<Vec<NaiveDate>> = Vec::new();
    let mut d = from;
    while d <= to {
        weeks.push((0..7).map(|i| d + Duration::days(i)).collect());
        d += Duration::days(7);
    }
    html! {
        <section class={classes!("calendar", match props.span { CalendarSpan::Month => "month", CalendarSpan::Week => "week" })}
            aria-labelledby="calendar-title">
            <div class="calendar-head">
                <button type="button" class="secondary" id="cal-prev" onclick={step(-1)} aria-label={OT::Previous.get(lang)}>{ "‹" }</button>
                <h2 id="calendar-title">{ title }</h2>
                <button type="button" class="secondary" id="cal-next" onclick={step(1)} aria-label={OT::Next.get(lang)}>{ "›" }</button>
                <button type="button" class="link" onclick={step(0)}>{ OT::Today.get(lang) }</button>
            </div>
            <table class="calendar-grid">
                <thead><tr>{ for weekdays.iter().map(|w| html! { <th scope="col">{ *w }</th> }) }</tr></thead>
                <tbody>
                    { for weeks.iter().map(|week| html! {
                        <tr>
                            { for week.iter().map(|day| {
                                let fairs = days.get(day).cloned().unwrap_or_default();
                                let outside = props.span == CalendarSpan::Month && day.month() != month;
                                html! {
                                    <td class={classes!("day", outside.then_some("outside"), (*day == today).then_some("today"))}
                                        data-date={day.format("%Y-%m-%d").to_string()}>
                                        <div class="day-number">{ if props.span == CalendarSpan::Week { day.format("%m-%d").to_string() } else { day.day().to_string() } }</div>
                                        if !fairs.is_empty() {
                                            <ul class="chips">{ for fairs.iter().map(|f| chip(lang, f, *day)) }</ul>
                                        }
                                    </td>
                                }
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_is_shown_as_whole_weeks_from_monday() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 14).unwrap();
        let (from, to) = days_shown(d, CalendarSpan::Month);
        assert_eq!(from, NaiveDate::from_ymd_opt(2026, 2, 23).unwrap());
        assert_eq!(to, NaiveDate::from_ymd_opt(2026, 4, 5).unwrap());
        let (from, to) = days_shown(d, CalendarSpan::Week);
        assert_eq!((from.to_string(), to.to_string()), ("2026-03-09".into(), "2026-03-15".into()));
    }
}
