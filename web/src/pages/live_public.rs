//! The enterprise's invitations (accept or decline, in its own role), the printable public
//! schedule, and the timeline measurement page.
use std::rc::Rc;

use chrono::Duration;
use fairlog_domain::ids::EnterpriseId;
use fairlog_domain::livestream::{
    conflicts_if_moved, invitations_of, synth, Invitation, LiveSession, LivestreamCommand, SessionStatus,
};
use fairlog_domain::time::to_local;
use fairlog_domain::{Actor, Role, State};
use wasm_bindgen::JsCast;
use yew::prelude::*;
use yew_router::prelude::*;

use super::live::{hosts_text, midnight, monday_of, send_live, timeline_model, Answer, AnswerView};
use crate::app::Route;
use crate::components::input_value;
use crate::components::timeline::{Proposal, Timeline, TimelineModel};
use crate::hooks::use_command;
use crate::i18n::fill;
use crate::live_text::{conflict, invitation, span, status, LT};
use crate::session::use_prefs;
use crate::store::use_app;

/// Invitations to line-ups for the enterprise the user acts for.
#[component]
pub fn LiveInvitationsPage() -> Html {
    let app = use_app();
    let prefs = use_prefs();
    let lang = prefs.lang;
    let command = use_command();
    let answer = use_state(|| None::<Answer>);
    let reasons = use_state(std::collections::BTreeMap::<String, String>::new);
    let state: fairlog_domain::State = (*app.view()).clone();
    let actor = prefs.session.actor();
    let me = match (actor.role, actor.subject) {
        (Role::Enterprise, Some(s)) => state.enterprises.get(&EnterpriseId(s)),
        _ => None,
    };
    let Some(me) = me else {
        return html! {
            <section aria-labelledby="inv-title">
                <h1 id="inv-title">{ LT::Invitations.get(lang) }</h1>
                <p class="banner warn" role="note">{ LT::ChooseEnterpriseFirst.get(lang) }</p>
            </section>
        };
    };
    let send = {
        let command = command.clone();
        let answer = answer.clone();
        Callback::from(move |cmd: LivestreamCommand| send_live(&command, cmd, answer.clone(), Callback::noop()))
    };
    let list = invitations_of(&state, me.id);
    html! {
        <section class="invitations-page" aria-labelledby="inv-title">
            <p><Link<Route> to={Route::Live}>{ "← " }{ LT::LiveTitle.get(lang) }</Link<Route>></p>
            <h1 id="inv-title">{ fill(LT::InvitationsFor.get(lang), &[("name", me.profile.name.clone())]) }</h1>
            <AnswerView answer={(*answer).clone()} accept_label={LT::AcceptAndSave} on_accept={send.clone()}
                on_dismiss={{ let a = answer.clone(); Callback::from(move |_| a.set(None)) }} />
            if list.is_empty() { <p class="empty">{ LT::NoInvitations.get(lang) }</p> }
            <ul class="invitation-list">
            { for list.into_iter().map(|(s, f)| {
                let (a, b) = f.slot.interval(s.plan.start);
                let key = s.id.to_string();
                let reason = reasons.get(&key).cloned().unwrap_or_default();
                let posts: Vec<String> = f.posts.iter().filter_map(|p| state.posts.get(p)).map(|p| p.details.title.clone()).collect();
                let open = s.status.is_open();
                let (sid, eid) = (s.id, me.id);
                let accept = { let send = send.clone(); Callback::from(move |_: MouseEvent| send.emit(LivestreamCommand::AcceptInvitation { session_id: sid, enterprise_id: eid })) };
                let decline = { let send = send.clone(); let r = reason.clone(); Callback::from(move |_: MouseEvent| send.emit(LivestreamCommand::DeclineInvitation { session_id: sid, enterprise_id: eid, reason: r.clone() })) };
                let on_reason = { let reasons = reasons.clone(); let key = key.clone(); Callback::from(move |e: InputEvent| { let mut m = (*reasons).clone(); m.insert(key.clone(), input_value(&e)); reasons.set(m); }) };
                html! {
                    <li class="card invitation" key={key.clone()} data-session={key.clone()}>
                        <h2><Link<Route> to={Route::LiveSession { id: key.clone() }}>{ s.plan.title.clone() }</Link<Route>></h2>
                        <p>{ span(s.plan.start, s.plan.end()) }{ " · " }<span class={classes!("badge", s.status.key())}>{ status(lang, &s.status) }</span></p>
                        <p>{ format!("{}{}{}", LT::Slot.get(lang), crate::i18n::colon(lang), span(a, b)) }</p>
                        <p>{ format!("{}{}{}", LT::ColHosts.get(lang), crate::i18n::colon(lang), hosts_text(lang, &state, s)) }</p>
                        <p>{ format!("{}{}{}", LT::FieldPosts.get(lang), crate::i18n::colon(lang), posts.join(crate::i18n::list_sep(lang))) }</p>
                        <p class="invitation-state">{ format!("{}{}", LT::Answer.get(lang), crate::i18n::colon(lang)) }<span class={classes!("badge", f.invitation.key())}>{ invitation(lang, &f.invitation) }</span></p>
                        if open && app.writable() && f.invitation == Invitation::Invited {
                            <div class="actions">
                                <button type="button" class="accept-invitation" onclick={accept}>{ LT::Accept.get(lang) }</button>
                                <label class="visually-hidden" for={format!("reason-{key}")}>{ LT::DeclineReason.get(lang) }</label>
                                <input id={format!("reason-{key}")} type="text" placeholder={LT::DeclineReason.get(lang)} value={reason} oninput={on_reason} />
                                <button type="button" class="secondary decline-invitation" onclick={decline}>{ LT::Decline.get(lang) }</button>
                            </div>
                        }
                    </li>
                }
            }) }
            </ul>
        </section>
    }
}

/// The public schedule: sessions on the schedule (and ended ones), by day, ready to print.
#[component]
pub fn LiveSchedulePage() -> Html {
    let app = use_app();
    let lang = use_prefs().lang;
    let view = app.view();
    let state: &fairlog_domain::State = &view;
    let mut sessions: Vec<&LiveSession> = state
        .live_index
        .by_start
        .keys()
        .filter_map(|(_, id)| state.live_sessions.get(id))
        .filter(|s| matches!(s.status, SessionStatus::Scheduled | SessionStatus::Live | SessionStatus::Ended))
        .collect();
    sessions.sort_by_key(|s| (s.plan.start, s.id));
    let mut days: Vec<(chrono::NaiveDate, Vec<&LiveSession>)> = Vec::new();
    for s in sessions {
        let d = to_local(s.plan.start).date();
        match days.last_mut() {
            Some((day, v)) if *day == d => v.push(s),
            _ => days.push((d, vec![s])),
        }
    }
    let print = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    html! {
        <article class="public-schedule" aria-labelledby="public-title">
            <div class="page-head">
                <h1 id="public-title">{ LT::PublicTitle.get(lang) }</h1>
                <div class="actions"><button type="button" class="secondary" onclick={print}>{ LT::Print.get(lang) }</button></div>
            </div>
            <p class="muted">{ LT::PublicIntro.get(lang) }</p>
            if days.is_empty() { <p class="empty">{ LT::NoSessions.get(lang) }</p> }
            { for days.into_iter().map(|(d, list)| html! {
                <section class="day" key={d.to_string()}>
                    <h2>{ d.format("%Y-%m-%d").to_string() }</h2>
                    { for list.into_iter().map(|s| {
                        let channel = state.channels.get(&s.plan.channel);
                        html! {
                            <div class="public-session" key={s.id.to_string()}>
                                <h3>{ format!("{}–{} ", to_local(s.plan.start).format("%H:%M"), to_local(s.plan.end()).format("%H:%M")) }{ s.plan.title.clone() }</h3>
                                <p>{ format!("{}{}{}", LT::ColHosts.get(lang), crate::i18n::colon(lang), hosts_text(lang, state, s)) }</p>
                                if let Some(c) = channel {
                                    <p>{ format!("{}{}{} ({})", LT::ColChannel.get(lang), crate::i18n::colon(lang), c.details.name, c.details.stream_url) }</p>
                                }
                                if let Some(f) = s.plan.fair.and_then(|f| state.fairs.get(&f)) {
                                    <p>{ format!("{}{}{}", LT::ColFair.get(lang), crate::i18n::colon(lang), f.details.name) }</p>
                                }
                                <ul>
                                { for s.lineup.iter().filter(|f| f.counts()).map(|f| {
                                    let (a, b) = f.slot.interval(s.plan.start);
                                    let name = state.enterprises.get(&f.enterprise_id).map(|e| e.profile.name.clone()).unwrap_or_default();
                                    let posts: Vec<String> = f.posts.iter().filter_map(|p| state.posts.get(p))
                                        .map(|p| crate::live_text::post_with_headcount(lang, &p.details.title, p.details.headcount)).collect();
                                    html! { <li>{ format!("{}–{} {}{}{}", to_local(a).format("%H:%M"), to_local(b).format("%H:%M"), name, crate::i18n::colon(lang), posts.join(crate::i18n::list_sep(lang))) }</li> }
                                }) }
                                </ul>
                            </div>
                        }
                    }) }
                </section>
            }) }
        </article>
    }
}

fn perf_now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

#[derive(Clone, PartialEq, Default)]
struct Figures {
    generate_ms: f64,
    model_ms: f64,
    first_render_ms: f64,
    rerender_ms: Vec<f64>,
    check_us: f64,
    sessions: usize,
    lanes: usize,
}

/// Measures the timeline on a generated week of 2,000 sessions over 50 channels, in this browser:
/// building the model, the first render (with layout), re-renders, and one conflict check.
/// Nothing is stored.
#[component]
pub fn TimelineBenchPage() -> Html {
    let lang = use_prefs().lang;
    let data = use_state(|| None::<(Rc<State>, Rc<TimelineModel>)>);
    let figures = use_state(Figures::default);
    let revision = use_state(|| 0u64);
    let mark = use_mut_ref(|| 0.0f64);
    {
        let data = data.clone();
        let figures = figures.clone();
        let mark = mark.clone();
        use_effect_with((), move |_| {
            let monday = midnight(monday_of(to_local(crate::store::now()).date()));
            let t0 = perf_now();
            let engine = synth::week(monday, 50, 2000);
            let t1 = perf_now();
            let state = engine.state().clone();
            let model = timeline_model(&state, lang, &Actor::organizer("王敏"), monday, 7, false);
            let t2 = perf_now();
            let id = synth::session_id(1000);
            let s = state.live_sessions[&id].clone();
            let n = 1000;
            let c0 = perf_now();
            for i in 0..n {
                let _ = conflicts_if_moved(&state, id, s.plan.start + Duration::minutes(15 * (i % 8)), s.plan.minutes);
            }
            let check_us = (perf_now() - c0) * 1000.0 / n as f64;
            figures.set(Figures {
                generate_ms: t1 - t0,
                model_ms: t2 - t1,
                check_us,
                sessions: state.live_sessions.len(),
                lanes: model.lanes.len(),
                ..Figures::default()
            });
            *mark.borrow_mut() = perf_now();
            data.set(Some((Rc::new(state), Rc::new(model))));
        });
    }
    {
        // After each render with the timeline: record the time since the mark, force layout.
        let figures = figures.clone();
        let mark = mark.clone();
        let revision = revision.clone();
        let ready = data.is_some();
        use_effect_with((ready, *revision), move |(ready, rev)| {
            if *ready {
                if let Some(el) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.query_selector(".tl-lanes").ok().flatten())
                {
                    let _ = el.get_bounding_client_rect();
                    let _ = el.dyn_ref::<web_sys::Element>().map(|e| e.child_element_count());
                }
                let took = perf_now() - *mark.borrow();
                let mut f = (*figures).clone();
                if *rev == 0 {
                    f.first_render_ms = took;
                } else {
                    f.rerender_ms.push(took);
                }
                figures.set(f);
                if *rev < 10 {
                    *mark.borrow_mut() = perf_now();
                    revision.set(rev + 1);
                }
            }
        });
    }
    let f = (*figures).clone();
    let avg = |v: &[f64]| if v.is_empty() { 0.0 } else { v.iter().sum::<f64>() / v.len() as f64 };
    let done = f.rerender_ms.len() >= 10;
    html! {
        <section class="bench-page" aria-labelledby="bench-title">
            <h1 id="bench-title">{ LT::BenchTitle.get(lang) }</h1>
            <dl class="details" id="bench-results" data-done={done.to_string()}
                data-first-render-ms={format!("{:.1}", f.first_render_ms)}
                data-rerender-ms={format!("{:.1}", avg(&f.rerender_ms))}
                data-model-ms={format!("{:.1}", f.model_ms)}
                data-check-us={format!("{:.1}", f.check_us)}>
                <dt>{ "sessions / lanes" }</dt><dd>{ format!("{} / {}", f.sessions, f.lanes) }</dd>
                <dt>{ "generate the week (commands, wasm)" }</dt><dd>{ format!("{:.1} ms", f.generate_ms) }</dd>
                <dt>{ "build the timeline model" }</dt><dd>{ format!("{:.1} ms", f.model_ms) }</dd>
                <dt>{ "first render + layout" }</dt><dd>{ format!("{:.1} ms", f.first_render_ms) }</dd>
                <dt>{ "re-render (average of 10)" }</dt><dd>{ format!("{:.1} ms", avg(&f.rerender_ms)) }</dd>
                <dt>{ "conflict check, one move (wasm)" }</dt><dd>{ format!("{:.1} µs", f.check_us) }</dd>
            </dl>
            if let Some((state, model)) = &*data {
                <Timeline model={Rc::clone(model)} {lang} revision={*revision}
                    check={{ let state = Rc::clone(state); Callback::from(move |p: Proposal| conflicts_if_moved(&state, p.id, p.start, p.minutes).into_iter().map(|c| (c.severity, conflict(lang, Some(&state), &c))).collect::<Vec<_>>()) }}
                    on_move={Callback::noop()} />
            }
        </section>
    }
}
