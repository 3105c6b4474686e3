use fairlog_domain::agenda::{
    agenda_events, enterprise_agenda, enterprise_sessions, session_events, to_ics, AgendaLabels,
};
use fairlog_domain::booking::BookingStatus;
use fairlog_domain::enterprise_views::booth_code;
use yew::prelude::*;
use yew_router::prelude::*;

use super::enterprise_common::not_acting;
use crate::app::Route;
use crate::download::{download_text, stamped_name};
use crate::enterprise_texts::{booking_status, ET};
use crate::format;
use crate::i18n::{fill, Lang};
use crate::session::{use_current_enterprise, use_prefs};
use crate::store::{now, use_app};

fn labels(lang: Lang, calendar_name: &str) -> AgendaLabels<'_> {
    AgendaLabels {
        calendar_name,
        booth: lang.pick("展位", "Booth"),
        virtual_booth: ET::VirtualBooth.get(lang),
        posts: lang.pick("岗位", "Posts"),
        people: ET::People.get(lang),
        awaiting_approval: lang.pick("待审批", "awaiting approval"),
        offered: lang.pick("候补待确认", "waitlist offer"),
        waitlist: ET::OnWaitlist.get(lang),
        online: lang.pick("线上", "Online"),
        cancelled: lang.pick("已取消", "Cancelled"),
        shanghai_time: ET::ShanghaiTime.get(lang),
        livestream: lang.pick("直播带岗", "Live broadcasting with posts"),
        your_slot: lang.pick("你的时段", "Your slot"),
        english: lang == Lang::En,
    }
}

/// The enterprise's fairs with its booths and the posts it offers at each, and the same as an
/// iCalendar file.
#[component]
pub fn MyAgendaPage() -> Html {
    let app = use_app();
    let prefs = use_prefs();
    let lang = prefs.lang;
    let current = use_current_enterprise();
    let Some(me) = current else {
        return html! { <section><h1>{ ET::AgendaTitle.get(lang) }</h1>{ not_acting(lang, &prefs.session) }</section> };
    };
    let view = app.view();
    let state: &fairlog_domain::State = &view;
    let agenda = enterprise_agenda(state, me);
    let sessions = enterprise_sessions(state, me);
    let name = state.enterprises.get(&me).map(|e| e.profile.name.clone()).unwrap_or_default();
    let download = {
        let app = app.clone();
        let name = name.clone();
        Callback::from(move |_: MouseEvent| {
            let engine = app.view();
            let cal = fill(ET::AgendaCalendarName.get(lang), &[("name", name.clone())]);
            let l = labels(lang, &cal);
            let mut events = agenda_events(&engine, me, &l);
            events.extend(session_events(&engine, me, &l));
            let text = to_ics(&cal, &events, now());
            let _ = download_text(&stamped_name("fairlog-agenda", "ics"), "text/calendar;charset=utf-8", &text);
        })
    };
    html! {
        <section aria-labelledby="agenda-title">
            <div class="page-head">
                <h1 id="agenda-title">{ ET::AgendaTitle.get(lang) }</h1>
                <span class="muted">{ name }</span>
                <button type="button" id="download-ics" onclick={download} disabled={agenda.is_empty() && sessions.is_empty()}>{ ET::DownloadIcs.get(lang) }</button>
            </div>
            if agenda.is_empty() && sessions.is_empty() {
                <p class="empty">{ ET::AgendaEmpty.get(lang) }</p>
            }
            <ol class="agenda" id="agenda">
                { for agenda.iter().map(|a| {
                    let d = &a.fair.details;
                    html! {
                        <li class="card" key={a.fair.id.to_string()}>
                            <h2><Link<Route> to={Route::BookBooth { id: a.fair.id.to_string() }}>{ d.name.clone() }</Link<Route>></h2>
                            <p class="muted">{ format::schedule(lang, d.schedule.as_ref()) }{ " · " }{ format::venue(lang, d) }</p>
                            <dl class="details">
                                <dt>{ ET::AgendaBooths.get(lang) }</dt>
                                <dd>
                                    if a.bookings.is_empty() { { if a.waiting.is_some() { ET::OnWaitlist.get(lang) } else { ET::NoBooth.get(lang) } } }
                                    { for a.bookings.iter().map(|b| {
                                        let code = b.booth_id.and_then(|x| booth_code(state, x)).map(str::to_owned).unwrap_or_else(|| ET::VirtualBooth.get(lang).to_owned());
                                        html! { <div class={classes!(matches!(b.status, BookingStatus::Booked).then_some("booked"))}>{ code }{ " · " }{ booking_status(lang, &b.status) }</div> }
                                    }) }
                                </dd>
                                <dt>{ ET::AgendaPosts.get(lang) }</dt>
                                <dd>
                                    { fill(ET::JobsOfferedN.get(lang), &[("n", a.jobs_offered().to_string())]) }
                                    <ul>{ for a.posts.iter().map(|p| html! { <li>{ format!("{} × {}", p.details.title, p.details.headcount) }</li> }) }</ul>
                                </dd>
                            </dl>
                        </li>
                    }
                }) }
            </ol>
            if !sessions.is_empty() {
                <h2 id="agenda-live">{ lang.pick("直播带岗", "Live broadcasting with posts") }</h2>
                <ol class="agenda" id="agenda-sessions">
                { for sessions.iter().map(|x| {
                    let slot = x.featured(me).map(|f| f.slot.interval(x.plan.start));
                    html! {
                        <li class="card" key={x.id.to_string()}>
                            <h3><Link<Route> to={Route::LiveSession { id: x.id.to_string() }}>{ x.plan.title.clone() }</Link<Route>></h3>
                            <p class="muted">
                                { fairlog_domain::time::to_local(x.plan.start).format("%Y-%m-%d %H:%M").to_string() }
                                if let Some((a, b)) = slot {
                                    { " · " }{ lang.pick("你的时段 ", "your slot ") }
                                    { format!("{}–{}", fairlog_domain::time::to_local(a).format("%H:%M"), fairlog_domain::time::to_local(b).format("%H:%M")) }
                                }
                            </p>
                        </li>
                    }
                }) }
                </ol>
            }
        </section>
    }
}
