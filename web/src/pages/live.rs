//! The livestream schedule: a timeline per channel or per host (week or day), the sessions in
//! view, calendar exports; and what the livestream pages share (sending a command and showing
//! the domain's answer: refused with reasons, or warnings to accept).
use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate, NaiveTime};
use fairlog_domain::ics::{self, Scope};
use fairlog_domain::livestream::{
    conflicts_if_moved, conflicts_now, sessions_overlapping, Conflict, LiveSession, LivestreamCommand, LivestreamError,
    SessionStatus,
};
use fairlog_domain::time::{from_local, to_local};
use fairlog_domain::{Actor, DomainError, Role, State};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::timeline::{Proposal, Timeline, TimelineItem, TimelineLane, TimelineModel};
use crate::components::{select_value, ui_error};
use crate::download::download_text;
use crate::hooks::{use_command, CommandHandle};
use crate::i18n::Lang;
use crate::live_text::{conflict, severity, span, status, LT};
use crate::session::use_prefs;
use crate::store::{use_app, UiError};

// ---------------------------------------------------------------------------------------------
// Shared by the livestream pages

/// The domain's answer to a livestream command, as the page shows it.
#[derive(Clone, PartialEq, Debug)]
pub enum Answer {
    /// Refused: why, and the hard conflicts if that was the reason.
    Refused { text: String, conflicts: Vec<Conflict> },
    /// Warnings to accept; `retry` is the same command carrying them.
    Warn { conflicts: Vec<Conflict>, retry: LivestreamCommand },
}

pub fn answer_for(lang: Lang, e: &UiError, cmd: LivestreamCommand) -> Answer {
    match e {
        UiError::Rule(DomainError::Livestream(LivestreamError::SoftConflictsNotAccepted { conflicts })) => {
            Answer::Warn { conflicts: conflicts.clone(), retry: cmd.with_accept(conflicts.clone()) }
        }
        UiError::Rule(DomainError::Livestream(LivestreamError::HardConflicts { conflicts })) => Answer::Refused {
            text: LT::Refused.get(lang).into(),
            conflicts: conflicts.iter().filter(|c| c.is_hard()).cloned().collect(),
        },
        other => Answer::Refused { text: ui_error(lang, other), conflicts: Vec::new() },
    }
}

/// Send a livestream command; on refusal or warnings, set the answer. Calls `done` when saved.
pub fn send_live(
    command: &CommandHandle,
    cmd: LivestreamCommand,
    answer: UseStateHandle<Option<Answer>>,
    done: Callback<()>,
) {
    let lang = command.lang();
    command.run(cmd.clone(), move |r| match r {
        Ok(_) => {
            answer.set(None);
            done.emit(());
        }
        Err(e) => answer.set(Some(answer_for(lang, e, cmd))),
    });
}

#[derive(Properties, PartialEq)]
pub struct ConflictListProps {
    pub conflicts: Vec<Conflict>,
    #[prop_or_default]
    pub id: Option<AttrValue>,
}

/// Conflicts in words, each with its severity written out (never only a colour).
#[component]
pub fn ConflictList(props: &ConflictListProps) -> Html {
    let app = use_app();
    let lang = use_prefs().lang;
    let view = app.view();
    let state: &fairlog_domain::State = &view;
    html! {
        <ul class="conflicts" id={props.id.clone()}>
            { for props.conflicts.iter().map(|c| html! {
                <li class={classes!("conflict", if c.is_hard() { "hard" } else { "soft" })} data-kind={c.kind.code()}>
                    <span class="sev">{ severity(lang, c.severity) }</span>{ " " }{ conflict(lang, Some(state), c) }
                </li>
            }) }
        </ul>
    }
}

#[derive(Properties, PartialEq)]
pub struct AnswerViewProps {
    pub answer: Option<Answer>,
    pub accept_label: LT,
    pub on_accept: Callback<LivestreamCommand>,
    pub on_dismiss: Callback<()>,
}

/// The refusal (with reasons) or the warnings with an "accept" button.
#[component]
pub fn AnswerView(props: &AnswerViewProps) -> Html {
    let lang = use_prefs().lang;
    let dismiss = {
        let d = props.on_dismiss.clone();
        Callback::from(move |_: MouseEvent| d.emit(()))
    };
    match &props.answer {
        None => html! {},
        Some(Answer::Refused { text, conflicts }) => html! {
            <div class="banner danger" role="alert" id="live-refused">
                <p class="answer-text">{ text.clone() }</p>
                if !conflicts.is_empty() { <ConflictList conflicts={conflicts.clone()} /> }
                <button type="button" class="link" onclick={dismiss}>{ LT::Dismiss.get(lang) }</button>
            </div>
        },
        Some(Answer::Warn { conflicts, retry }) => {
            let accept = {
                let (a, r) = (props.on_accept.clone(), retry.clone());
                Callback::from(move |_: MouseEvent| a.emit(r.clone()))
            };
            html! {
                <div class="banner warn" role="alert" id="live-warning">
                    <p class="answer-text">{ LT::WarningsNeedAcceptance.get(lang) }</p>
                    <ConflictList conflicts={conflicts.clone()} />
                    <div class="actions">
                        <button type="button" id="accept-warnings" onclick={accept}>{ props.accept_label.get(lang) }</button>
                        <button type="button" class="secondary" onclick={dismiss}>{ LT::KeepAsIs.get(lang) }</button>
                    </div>
                </div>
            }
        }
    }
}

/// May this actor change this session (organizer, or one of its hosts)? The domain decides; the
/// UI only hides what would certainly be refused.
/// May the actor manage the session? (The domain's rule, `livestream::may_manage_session`.)
pub fn may_manage(actor: &Actor, s: &LiveSession) -> bool {
    fairlog_domain::livestream::may_manage_session(actor, &s.plan.hosts)
}

pub fn hosts_text(lang: crate::i18n::Lang, state: &State, s: &LiveSession) -> String {
    s.plan
        .hosts
        .iter()
        .filter_map(|h| state.hosts.get(h))
        .map(|h| crate::i18n::paren(lang, &h.profile.name, &h.profile.title))
        .collect::<Vec<_>>()
        .join(crate::i18n::list_sep(lang))
}

/// Download a calendar file.
pub fn export_ics(state: &State, scope: Scope, name: &str, file: &str) {
    let text = ics::calendar(state, scope, name);
    let _ = download_text(&format!("{file}.ics"), "text/calendar", &text);
}

// ---------------------------------------------------------------------------------------------
// The schedule page

#[derive(Clone, Copy, PartialEq)]
enum Lanes {
    Channels,
    Hosts,
}

/// Build what the timeline shows: lanes (channels or hosts) and the sessions in `[from, from +
/// days)`, from the indexes (no scan of every session).
pub fn timeline_model(
    state: &State,
    lang: Lang,
    actor: &Actor,
    from: chrono::DateTime<chrono::Utc>,
    days: u32,
    by_host: bool,
) -> TimelineModel {
    let to = from + Duration::days(days as i64);
    let mut lanes: Vec<TimelineLane>;
    let mut index: HashMap<uuid::Uuid, usize> = HashMap::new();
    if by_host {
        let mut hosts: Vec<_> = state.hosts.values().collect();
        hosts.sort_by(|a, b| (&a.profile.name, a.id).cmp(&(&b.profile.name, b.id)));
        lanes = hosts
            .iter()
            .map(|h| TimelineLane {
                key: h.id.to_string(),
                label: format!("{} · {}", h.profile.name, h.profile.title),
                sub: h.profile.organisation.clone(),
                items: Vec::new(),
            })
            .collect();
        for (i, h) in hosts.iter().enumerate() {
            index.insert(h.id.0, i);
        }
    } else {
        let mut channels: Vec<_> = state.channels.values().collect();
        channels.sort_by(|a, b| (&a.details.name, a.id).cmp(&(&b.details.name, b.id)));
        lanes = channels
            .iter()
            .map(|c| TimelineLane {
                key: c.id.to_string(),
                label: c.details.name.clone(),
                sub: crate::live_text::platform(lang, c.details.platform).into(),
                items: Vec::new(),
            })
            .collect();
        for (i, c) in channels.iter().enumerate() {
            index.insert(c.id.0, i);
        }
    }
    for s in sessions_overlapping(state, from, to) {
        let open = s.status.is_open();
        let item = TimelineItem {
            id: s.id,
            start: s.plan.start,
            minutes: s.plan.minutes,
            title: s.plan.title.clone(),
            status: s.status.key(),
            status_text: status(lang, &s.status),
            movable: open && may_manage(actor, s),
            flagged: open && !conflicts_now(state, s.id).is_empty(),
        };
        let keys: Vec<uuid::Uuid> =
            if by_host { s.plan.hosts.iter().map(|h| h.0).collect() } else { vec![s.plan.channel.0] };
        for k in keys {
            if let Some(&i) = index.get(&k) {
                lanes[i].items.push(item.clone());
            }
        }
    }
    TimelineModel { lanes, from, days }
}

/// Local midnight of a date.
pub fn midnight(d: NaiveDate) -> chrono::DateTime<chrono::Utc> {
    from_local(d.and_time(NaiveTime::MIN))
}

#[component]
pub fn LivestreamPage() -> Html {
    let app = use_app();
    let prefs = use_prefs();
    let lang = prefs.lang;
    let command = use_command();
    let navigator = use_navigator();
    let today = to_local(crate::store::now()).date();
    let anchor = use_state(|| today);
    let week = use_state(|| true);
    let lanes = use_state(|| Lanes::Channels);
    let answer = use_state(|| None::<Answer>);
    let scope = use_state(|| "all".to_string());

    let state: fairlog_domain::State = (*app.view()).clone();
    let actor = prefs.session.actor();
    let days = if *week { 7 } else { 1 };
    let first_day =
        if *week { *anchor - Duration::days(anchor.weekday().num_days_from_monday() as i64) } else { *anchor };
    let from = midnight(first_day);
    let model = {
        let state = state.clone();
        let actor = actor.clone();
        let by_host = *lanes == Lanes::Hosts;
        let writable = app.writable();
        use_memo((app.revision, app.travel(), writable, from, days, by_host, lang, actor.clone()), move |_| {
            let mut model = timeline_model(&state, lang, &actor, from, days, by_host);
            if !writable {
                // The past (time travel) and a damaged store are read-only: nothing can be dragged.
                model.lanes.iter_mut().flat_map(|l| l.items.iter_mut()).for_each(|i| i.movable = false);
            }
            model
        })
    };

    let check = {
        let state = state.clone();
        Callback::from(move |p: Proposal| {
            conflicts_if_moved(&state, p.id, p.start, p.minutes)
                .into_iter()
                .map(|c| (c.severity, conflict(lang, Some(&state), &c)))
                .collect::<Vec<_>>()
        })
    };
    let send = {
        let command = command.clone();
        let answer = answer.clone();
        Callback::from(move |cmd: LivestreamCommand| send_live(&command, cmd, answer.clone(), Callback::noop()))
    };
    let on_move = {
        let send = send.clone();
        Callback::from(move |p: Proposal| {
            send.emit(LivestreamCommand::MoveSession {
                session_id: p.id,
                start: p.start,
                minutes: p.minutes,
                accept: vec![],
            })
        })
    };
    let on_open = {
        let navigator = navigator.clone();
        Callback::from(move |id: fairlog_domain::ids::SessionId| {
            if let Some(n) = &navigator {
                n.push(&Route::LiveSession { id: id.to_string() });
            }
        })
    };
    let shift = |by: i64| {
        let anchor = anchor.clone();
        let step = if *week { 7 } else { 1 };
        Callback::from(move |_: MouseEvent| anchor.set(*anchor + Duration::days(by * step)))
    };
    let to = from + Duration::days(days as i64);
    let sessions: Vec<LiveSession> = sessions_overlapping(&state, from, to).cloned().collect();
    let export = {
        let state = state.clone();
        let scope = scope.clone();
        Callback::from(move |_: MouseEvent| {
            let (sc, name, file) = match scope.split_once(':') {
                Some(("host", id)) => match id.parse().ok().and_then(|id| state.hosts.get(&id)) {
                    Some(h) => (Scope::Host(h.id), h.profile.name.clone(), format!("host-{}", h.id)),
                    None => return,
                },
                Some(("channel", id)) => match id.parse().ok().and_then(|id| state.channels.get(&id)) {
                    Some(c) => (Scope::Channel(c.id), c.details.name.clone(), format!("channel-{}", c.id)),
                    None => return,
                },
                Some(("fair", id)) => match id.parse().ok().and_then(|id| state.fairs.get(&id)) {
                    Some(f) => (Scope::Fair(f.id), f.details.name.clone(), format!("fair-{}", f.id)),
                    None => return,
                },
                _ => (Scope::All, LT::PublicTitle.get(lang).to_owned(), "livestreams".to_owned()),
            };
            export_ics(&state, sc, &name, &file);
        })
    };
    let set_view = |w: bool| {
        let week = week.clone();
        Callback::from(move |_: MouseEvent| week.set(w))
    };
    let set_lanes = |l: Lanes| {
        let lanes = lanes.clone();
        Callback::from(move |_: MouseEvent| lanes.set(l))
    };
    let on_dismiss = {
        let answer = answer.clone();
        Callback::from(move |_| answer.set(None))
    };
    let period = if *week {
        format!("{} – {}", first_day.format("%Y-%m-%d"), (first_day + Duration::days(6)).format("%Y-%m-%d"))
    } else {
        first_day.format("%Y-%m-%d").to_string()
    };
    let host_without_subject = actor.role == Role::Host && actor.subject.is_none();

    html! {
        <section class="live-page" aria-labelledby="live-title">
            <div class="page-head">
                <h1 id="live-title">{ LT::LiveTitle.get(lang) }</h1>
                <nav class="sub-nav" aria-label={LT::NavLive.get(lang)}>
                    if actor.role != Role::Enterprise {
                        <Link<Route> to={Route::NewLiveSession} classes="button" >{ LT::NewSession.get(lang) }</Link<Route>>
                    }
                    <Link<Route> to={Route::LiveSetup} classes="button secondary">{ LT::Setup.get(lang) }</Link<Route>>
                    <Link<Route> to={Route::LiveInvitations} classes="button secondary">{ LT::Invitations.get(lang) }</Link<Route>>
                    <Link<Route> to={Route::LiveSchedule} classes="button secondary">{ LT::PublicSchedule.get(lang) }</Link<Route>>
                </nav>
            </div>
            if host_without_subject { <p class="banner warn" role="note">{ LT::OnlyManagers.get(lang) }</p> }
            <div class="toolbar" role="toolbar" aria-label={LT::TimelineLabel.get(lang)}>
                <div class="seg">
                    <button type="button" id="view-week" class={classes!((!*week).then_some("secondary"))} aria-pressed={week.to_string()} onclick={set_view(true)}>{ LT::ViewWeek.get(lang) }</button>
                    <button type="button" id="view-day" class={classes!(week.then_some("secondary"))} aria-pressed={(!*week).to_string()} onclick={set_view(false)}>{ LT::ViewDay.get(lang) }</button>
                </div>
                <div class="seg">
                    <button type="button" id="by-channel" class={classes!((*lanes != Lanes::Channels).then_some("secondary"))} aria-pressed={(*lanes == Lanes::Channels).to_string()} onclick={set_lanes(Lanes::Channels)}>{ LT::ByChannel.get(lang) }</button>
                    <button type="button" id="by-host" class={classes!((*lanes != Lanes::Hosts).then_some("secondary"))} aria-pressed={(*lanes == Lanes::Hosts).to_string()} onclick={set_lanes(Lanes::Hosts)}>{ LT::ByHost.get(lang) }</button>
                </div>
                <div class="seg">
                    <button type="button" class="secondary" id="prev" onclick={shift(-1)} aria-label={LT::Previous.get(lang)}>{ "‹" }</button>
                    <span class="period" id="period">{ period }</span>
                    <button type="button" class="secondary" id="next" onclick={shift(1)} aria-label={LT::Next.get(lang)}>{ "›" }</button>
                    <button type="button" class="secondary" onclick={{ let a = anchor.clone(); Callback::from(move |_: MouseEvent| a.set(today)) }}>{ LT::Today.get(lang) }</button>
                </div>
            </div>
            <AnswerView answer={(*answer).clone()} accept_label={LT::AcceptAndMove} on_accept={send.clone()} on_dismiss={on_dismiss} />
            if model.lanes.is_empty() {
                <p class="empty">{ if *lanes == Lanes::Hosts { LT::NoHosts.get(lang) } else { LT::NoChannels.get(lang) } }</p>
            } else {
                <Timeline model={model.clone()} {lang} {check} {on_move} {on_open} />
            }
            <h2>{ LT::Sessions.get(lang) }</h2>
            if sessions.is_empty() {
                <p class="empty">{ LT::NoSessions.get(lang) }</p>
            } else {
                <div class="table-wrap">
                <table class="sessions">
                    <thead><tr>
                        <th scope="col">{ LT::ColTitle.get(lang) }</th>
                        <th scope="col">{ LT::ColWhen.get(lang) }</th>
                        <th scope="col">{ LT::ColHosts.get(lang) }</th>
                        <th scope="col">{ LT::ColChannel.get(lang) }</th>
                        <th scope="col">{ LT::ColStatus.get(lang) }</th>
                    </tr></thead>
                    <tbody>
                    { for sessions.iter().map(|s| html! {
                        <tr key={s.id.to_string()}>
                            <td><Link<Route> to={Route::LiveSession { id: s.id.to_string() }}>{ s.plan.title.clone() }</Link<Route>></td>
                            <td class="nowrap">{ span(s.plan.start, s.plan.end()) }</td>
                            <td>{ hosts_text(lang, &state, s) }</td>
                            <td>{ state.channels.get(&s.plan.channel).map(|c| c.details.name.clone()).unwrap_or_default() }</td>
                            <td><span class={classes!("badge", s.status.key())}>{ status(lang, &s.status) }</span></td>
                        </tr>
                    }) }
                    </tbody>
                </table>
                </div>
            }
            <h2>{ LT::ExportIcs.get(lang) }</h2>
            <div class="actions">
                <label for="ics-scope" class="visually-hidden">{ LT::ExportIcs.get(lang) }</label>
                <select id="ics-scope" onchange={{ let s = scope.clone(); Callback::from(move |e: Event| s.set(select_value(&e))) }}>
                    <option value="all" selected={*scope == "all"}>{ LT::ExportAllIcs.get(lang) }</option>
                    { for state.hosts.values().map(|h| { let v = format!("host:{}", h.id); html! {
                        <option value={v.clone()} selected={*scope == v}>{ format!("{}{}{} {}", LT::ExportHostIcs.get(lang), crate::i18n::colon(lang), h.profile.name, h.profile.title) }</option>
                    }}) }
                    { for state.channels.values().map(|c| { let v = format!("channel:{}", c.id); html! {
                        <option value={v.clone()} selected={*scope == v}>{ format!("{}{}{}", LT::ExportChannelIcs.get(lang), crate::i18n::colon(lang), c.details.name) }</option>
                    }}) }
                    { for state.fairs.values().filter(|f| state.live_sessions.values().any(|s| s.plan.fair == Some(f.id))).map(|f| { let v = format!("fair:{}", f.id); html! {
                        <option value={v.clone()} selected={*scope == v}>{ format!("{}{}{}", LT::ExportFairIcs.get(lang), crate::i18n::colon(lang), f.details.name) }</option>
                    }}) }
                </select>
                <button type="button" class="secondary" id="export-ics" onclick={export}>{ LT::ExportIcs.get(lang) }</button>
            </div>
            if sessions.iter().any(|s| s.status == SessionStatus::Draft) {
                <p class="hint">{ lang.pick("草稿不在日历中，排期后才会导出。", "Drafts are not in calendars until they are scheduled.") }</p>
            }
        </section>
    }
}

/// Monday of the week of a date (used by tests and the bench page).
pub fn monday_of(d: NaiveDate) -> NaiveDate {
    d - Duration::days(d.weekday().num_days_from_monday() as i64)
}
