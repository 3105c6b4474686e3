//! One livestream session: plan or change it (form), and its page: conflicts in words,
//! scheduling (accepting warnings), line-up and invitations, going live, outcomes, cancelling,
//! calendar exports.
use std::collections::{BTreeMap, BTreeSet};

use fairlog_domain::ics::Scope;
use fairlog_domain::ids::{ChannelId, EnterpriseId, FairId, HostId, PostId, SessionId};
use fairlog_domain::livestream::{
    conflicts_now, Invitation, LivestreamCommand, Outcome, SessionPlan, SessionStatus, Slot,
};
use fairlog_domain::post::PostStatus;
use fairlog_domain::time::{format_local_input, parse_local_input};
use fairlog_domain::Role;
use yew::prelude::*;
use yew_router::prelude::*;

use super::live::{export_ics, hosts_text, may_manage, send_live, Answer, AnswerView, ConflictList};
use crate::app::Route;
use crate::components::{input_value, select_value, Field};
use crate::hooks::use_command;
use crate::i18n::T;
use crate::live_text::{invitation, livestream_error_in, span, status, LT};
use crate::session::use_prefs;
use crate::store::use_app;

#[derive(Clone, PartialEq, Default)]
struct PlanForm {
    title: String,
    hosts: BTreeSet<HostId>,
    channel: String,
    start: String,
    minutes: String,
    fair: String,
}

#[derive(Properties, PartialEq)]
pub struct SessionFormProps {
    /// The session to change; `None` for a new draft.
    pub id: Option<String>,
}

/// Plan a new session (a draft) or change one. Only the format of the inputs is checked here.
#[component]
pub fn SessionFormPage(props: &SessionFormProps) -> Html {
    let app = use_app();
    let prefs = use_prefs();
    let lang = prefs.lang;
    let command = use_command();
    let navigator = use_navigator();
    let state: fairlog_domain::State = (*app.view()).clone();
    let editing = props
        .id
        .as_ref()
        .and_then(|id| id.parse::<SessionId>().ok())
        .and_then(|id| state.live_sessions.get(&id).cloned());
    let actor = prefs.session.actor();
    let form = use_state(|| match &editing {
        Some(s) => PlanForm {
            title: s.plan.title.clone(),
            hosts: s.plan.hosts.iter().copied().collect(),
            channel: s.plan.channel.to_string(),
            start: format_local_input(s.plan.start),
            minutes: s.plan.minutes.to_string(),
            fair: s.plan.fair.map(|f| f.to_string()).unwrap_or_default(),
        },
        None => PlanForm {
            hosts: actor.subject.map(HostId).filter(|h| state.hosts.contains_key(h)).into_iter().collect(),
            channel: state.channels.keys().next().map(|c| c.to_string()).unwrap_or_default(),
            minutes: "60".into(),
            ..Default::default()
        },
    });
    let answer = use_state(|| None::<Answer>);
    let field_error = use_state(|| None::<(&'static str, String)>);
    if props.id.is_some() && editing.is_none() {
        return html! { <p class="empty">{ LT::SessionNotFound.get(lang) }</p> };
    }
    let at = |f: &str| (*field_error).as_ref().filter(|(k, _)| *k == f).map(|(_, m)| m.clone());

    let onsubmit = {
        let form = form.clone();
        let answer = answer.clone();
        let field_error = field_error.clone();
        let command = command.clone();
        let navigator = navigator.clone();
        let editing_id = editing.as_ref().map(|s| s.id);
        let state = state.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let f = (*form).clone();
            let Some(start) = parse_local_input(&f.start) else {
                field_error.set(Some(("start", T::InvalidTime.get(lang).into())));
                return;
            };
            let Ok(minutes) = f.minutes.trim().parse::<u32>() else {
                field_error.set(Some(("minutes", T::InvalidNumber.get(lang).into())));
                return;
            };
            let plan = SessionPlan {
                title: f.title.clone(),
                hosts: f.hosts.iter().copied().collect(),
                channel: f.channel.parse::<ChannelId>().unwrap_or(ChannelId::from_u128(0)),
                start,
                minutes,
                fair: f.fair.parse::<FairId>().ok(),
            };
            let session_id = editing_id.unwrap_or_else(|| SessionId(uuid::Uuid::new_v4()));
            let cmd = match editing_id {
                Some(_) => LivestreamCommand::EditSession { session_id, plan, accept: vec![] },
                None => LivestreamCommand::PlanSession { session_id, plan },
            };
            let navigator = navigator.clone();
            let field_error2 = field_error.clone();
            let done = Callback::from(move |_| {
                field_error2.set(None);
                if let Some(n) = &navigator {
                    n.push(&Route::LiveSession { id: session_id.to_string() });
                }
            });
            // Errors about a field go beside it; conflicts and the rest above the form.
            let answer = answer.clone();
            let field_error = field_error.clone();
            let state = state.clone();
            command.run(cmd.clone(), move |r| match r {
                Ok(_) => {
                    answer.set(None);
                    done.emit(());
                }
                Err(crate::store::UiError::Rule(fairlog_domain::DomainError::Livestream(le)))
                    if le.field().is_some() =>
                {
                    field_error
                        .set(Some((le.field().unwrap_or_default(), livestream_error_in(lang, Some(&state), le))));
                }
                Err(e) => {
                    field_error.set(None);
                    answer.set(Some(super::live::answer_for(lang, e, cmd)));
                }
            });
        })
    };
    let accept = {
        let command = command.clone();
        let answer = answer.clone();
        let navigator = navigator.clone();
        Callback::from(move |cmd: LivestreamCommand| {
            let id = cmd.session_id();
            let navigator = navigator.clone();
            let done = Callback::from(move |_| {
                if let Some(n) = &navigator {
                    n.push(&Route::LiveSession { id: id.to_string() });
                }
            });
            send_live(&command, cmd, answer.clone(), done)
        })
    };
    let type_in = |apply: fn(&mut PlanForm, String)| {
        let form = form.clone();
        Callback::from(move |e: InputEvent| {
            let mut f = (*form).clone();
            apply(&mut f, input_value(&e));
            form.set(f);
        })
    };
    let choose = |apply: fn(&mut PlanForm, String)| {
        let form = form.clone();
        Callback::from(move |e: Event| {
            let mut f = (*form).clone();
            apply(&mut f, select_value(&e));
            form.set(f);
        })
    };
    let f = (*form).clone();
    let title = if editing.is_some() { LT::EditSessionTitle } else { LT::NewSessionTitle };
    let may = app.writable()
        && match &editing {
            Some(s) => may_manage(&actor, s),
            None => actor.role != Role::Enterprise,
        };
    html! {
        <section class="form-page" aria-labelledby="form-title">
            <h1 id="form-title">{ title.get(lang) }</h1>
            if !may { <p class="banner warn" role="note">{ LT::OnlyManagers.get(lang) }</p> }
            <AnswerView answer={(*answer).clone()} accept_label={LT::AcceptAndSave} on_accept={accept}
                on_dismiss={{ let a = answer.clone(); Callback::from(move |_| a.set(None)) }} />
            <form class="fair-form" {onsubmit} novalidate=true>
                <Field id="title" label={LT::FieldTitle.get(lang)} error={at("title")}>
                    <input id="title" type="text" value={f.title.clone()} oninput={type_in(|f, v| f.title = v)} autocomplete="off"
                        aria-invalid={at("title").is_some().to_string()} />
                </Field>
                <fieldset class={classes!("field", "hosts-field", at("hosts").is_some().then_some("has-error"))}>
                    <legend>{ LT::FieldHosts.get(lang) }</legend>
                    { for state.hosts.values().map(|h| {
                        let id = h.id;
                        let checked = f.hosts.contains(&id);
                        let form = form.clone();
                        let onchange = Callback::from(move |_: Event| {
                            let mut f = (*form).clone();
                            if !f.hosts.remove(&id) { f.hosts.insert(id); }
                            form.set(f);
                        });
                        let input_id = format!("host-{id}");
                        html! {
                            <label class="check" for={input_id.clone()}>
                                <input type="checkbox" id={input_id} {checked} {onchange} />
                                { format!("{} · {} · {}", h.profile.name, h.profile.title, h.profile.organisation) }
                            </label>
                        }
                    }) }
                    if let Some(m) = at("hosts") { <p class="field-error" role="alert" data-field="hosts">{ m }</p> }
                </fieldset>
                <div class="row">
                    <Field id="channel" label={LT::FieldChannel.get(lang)} error={at("channel")}>
                        <select id="channel" onchange={choose(|f, v| f.channel = v)}>
                            { for state.channels.values().map(|c| html! {
                                <option value={c.id.to_string()} selected={f.channel == c.id.to_string()}>{ c.details.name.clone() }</option>
                            }) }
                        </select>
                    </Field>
                    <Field id="start" label={LT::FieldStart.get(lang)} error={at("start")}>
                        <input id="start" type="datetime-local" value={f.start.clone()} oninput={type_in(|f, v| f.start = v)}
                            aria-invalid={at("start").is_some().to_string()} />
                    </Field>
                    <Field id="minutes" label={LT::FieldMinutes.get(lang)} error={at("minutes")}>
                        <input id="minutes" type="number" min="15" max="480" step="15" value={f.minutes.clone()}
                            oninput={type_in(|f, v| f.minutes = v)} aria-invalid={at("minutes").is_some().to_string()} />
                    </Field>
                </div>
                <Field id="fair" label={LT::FieldFair.get(lang)} error={at("fair")}>
                    <select id="fair" onchange={choose(|f, v| f.fair = v)}>
                        <option value="" selected={f.fair.is_empty()}>{ LT::NoFair.get(lang) }</option>
                        { for state.fairs.values().map(|fa| html! {
                            <option value={fa.id.to_string()} selected={f.fair == fa.id.to_string()}>
                                { crate::i18n::paren(lang, &fa.details.name, &crate::format::schedule(lang, fa.details.schedule.as_ref())) }
                            </option>
                        }) }
                    </select>
                </Field>
                <p class="hint">{ T::HintTimes.get(lang) }</p>
                <div class="actions">
                    <button type="submit" id="save-session" disabled={!may}>
                        { if editing.is_some() { LT::SaveChanges.get(lang) } else { LT::SavePlan.get(lang) } }
                    </button>
                    <Link<Route> to={Route::Live} classes="button secondary">{ T::Cancel.get(lang) }</Link<Route>>
                </div>
            </form>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct SessionPageProps {
    pub id: String,
}

#[derive(Clone, PartialEq, Default)]
struct InviteForm {
    enterprise: String,
    posts: BTreeSet<PostId>,
    offset: String,
    minutes: String,
}

/// One session: what it is, its conflicts in words, its line-up, and the next steps.
#[component]
pub fn SessionPage(props: &SessionPageProps) -> Html {
    let app = use_app();
    let prefs = use_prefs();
    let lang = prefs.lang;
    let command = use_command();
    let answer = use_state(|| None::<Answer>);
    let invite = use_state(|| InviteForm { minutes: "20".into(), offset: "0".into(), ..Default::default() });
    let cancelling = use_state(|| false);
    let ending = use_state(|| false);
    let reason = use_state(String::new);
    let decline_reason = use_state(String::new);
    let viewers = use_state(String::new);
    let apps = use_state(BTreeMap::<EnterpriseId, String>::new);

    let state: fairlog_domain::State = (*app.view()).clone();
    let Some(s) = props.id.parse::<SessionId>().ok().and_then(|id| state.live_sessions.get(&id).cloned()) else {
        return html! { <p class="empty">{ LT::SessionNotFound.get(lang) }</p> };
    };
    let actor = prefs.session.actor();
    let may = may_manage(&actor, &s) && app.writable();
    let open = s.status.is_open();
    let id = s.id;

    let send = {
        let command = command.clone();
        let answer = answer.clone();
        Callback::from(move |cmd: LivestreamCommand| send_live(&command, cmd, answer.clone(), Callback::noop()))
    };
    let click = |cmd: LivestreamCommand| {
        let send = send.clone();
        Callback::from(move |_: MouseEvent| send.emit(cmd.clone()))
    };
    let channel = state.channels.get(&s.plan.channel);
    let fair = s.plan.fair.and_then(|f| state.fairs.get(&f));
    let current = if open { conflicts_now(&state, id) } else { Vec::new() };

    // Invite form
    let inv = (*invite).clone();
    let inv_ent = inv.enterprise.parse::<EnterpriseId>().ok();
    let open_posts: Vec<_> =
        state.posts.values().filter(|p| Some(p.enterprise_id) == inv_ent && p.status == PostStatus::Open).collect();
    // An enterprise already in the line-up: the form changes its slot and posts instead.
    let featured: BTreeMap<EnterpriseId, InviteForm> = s
        .lineup
        .iter()
        .map(|f| {
            let form = InviteForm {
                enterprise: f.enterprise_id.to_string(),
                posts: f.posts.iter().copied().collect(),
                offset: f.slot.offset_minutes.to_string(),
                minutes: f.slot.minutes.to_string(),
            };
            (f.enterprise_id, form)
        })
        .collect();
    let edit_feature = |eid: EnterpriseId| {
        let (invite, form) = (invite.clone(), featured.get(&eid).cloned());
        Callback::from(move |_: MouseEvent| {
            if let Some(f) = form.clone() {
                invite.set(f);
            }
        })
    };
    let send_invite = {
        let invite = invite.clone();
        let send = send.clone();
        let answer = answer.clone();
        let featured = featured.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let f = (*invite).clone();
            let (Some(enterprise_id), Ok(offset), Ok(minutes)) = (
                f.enterprise.parse::<EnterpriseId>().ok(),
                f.offset.trim().parse::<u32>(),
                f.minutes.trim().parse::<u32>(),
            ) else {
                answer.set(Some(Answer::Refused { text: T::InvalidNumber.get(lang).into(), conflicts: vec![] }));
                return;
            };
            let (posts, slot) = (f.posts.iter().copied().collect(), Slot { offset_minutes: offset, minutes });
            send.emit(if featured.contains_key(&enterprise_id) {
                LivestreamCommand::ChangeFeature { session_id: id, enterprise_id, posts, slot, accept: vec![] }
            } else {
                LivestreamCommand::InviteEnterprise { session_id: id, enterprise_id, posts, slot, accept: vec![] }
            });
        })
    };
    let my_enterprise = (actor.role == Role::Enterprise).then_some(actor.subject).flatten().map(EnterpriseId);
    let end_session = {
        let send = send.clone();
        let viewers = viewers.clone();
        let apps = apps.clone();
        let answer = answer.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Ok(peak_viewers) = viewers.trim().parse::<u32>() else {
                answer.set(Some(Answer::Refused { text: T::InvalidNumber.get(lang).into(), conflicts: vec![] }));
                return;
            };
            let mut applications = BTreeMap::new();
            for (e, v) in apps.iter() {
                if v.trim().is_empty() {
                    continue;
                }
                match v.trim().parse::<u32>() {
                    Ok(n) => {
                        applications.insert(*e, n);
                    }
                    Err(_) => {
                        answer
                            .set(Some(Answer::Refused { text: T::InvalidNumber.get(lang).into(), conflicts: vec![] }));
                        return;
                    }
                }
            }
            send.emit(LivestreamCommand::EndSession {
                session_id: id,
                outcome: Outcome { peak_viewers, applications },
            });
        })
    };
    let export = |scope: Scope, name: String, file: String| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| export_ics(&state, scope, &name, &file))
    };

    html! {
        <article class="session-page" aria-labelledby="session-title">
            <p><Link<Route> to={Route::Live}>{ "← " }{ LT::LiveTitle.get(lang) }</Link<Route>></p>
            <div class="page-head">
                <h1 id="session-title">{ s.plan.title.clone() }</h1>
                <span class={classes!("badge", s.status.key())} id="session-status">{ status(lang, &s.status) }</span>
            </div>
            if let SessionStatus::Cancelled { reason } = &s.status {
                <p class="banner warn">{ format!("{}{}{reason}", LT::CancelReason.get(lang), crate::i18n::colon(lang)) }</p>
            }
            <dl class="details">
                <dt>{ LT::ColWhen.get(lang) }</dt><dd id="session-when">{ span(s.plan.start, s.plan.end()) }{ " · " }{ crate::i18n::fill(LT::Minutes.get(lang), &[("n", s.plan.minutes.to_string())]) }</dd>
                <dt>{ LT::ColHosts.get(lang) }</dt><dd>{ hosts_text(lang, &state, &s) }</dd>
                <dt>{ LT::ColChannel.get(lang) }</dt>
                <dd>{ channel.map(|c| crate::i18n::paren(lang, &c.details.name, crate::live_text::platform(lang, c.details.platform))).unwrap_or_default() }
                    if let Some(c) = channel { <br /><span class="url">{ c.details.stream_url.clone() }</span> }</dd>
                <dt>{ LT::ColFair.get(lang) }</dt>
                <dd>{ match fair { Some(f) => html! { <Link<Route> to={Route::Fair { id: f.id.to_string() }}>{ f.details.name.clone() }</Link<Route>> }, None => html! { "—" } } }</dd>
                <dt>{ lang.pick("版本", "Version") }</dt><dd>{ s.version }</dd>
            </dl>
            <p><a class="history-link" href={format!("#/history?entity={}", s.id)}>{ lang.pick("这场直播的历史记录", "History of this session") }</a></p>
            // The linked fair was cancelled: the host and the featured enterprises hear why.
            if let Some((f, reason)) = fair.and_then(|f| match &f.status { fairlog_domain::fair::FairStatus::Cancelled { reason } => Some((f, reason)), _ => None }) {
                <p class="banner warn" role="note" id="fair-cancelled">
                    { crate::i18n::fill(lang.pick("关联的招聘会“{fair}”已取消，原因：{reason}", "The linked fair \"{fair}\" was cancelled: {reason}"),
                        &[("fair", f.details.name.clone()), ("reason", reason.clone())]) }
                </p>
            }

            <AnswerView answer={(*answer).clone()}
                accept_label={if s.status == SessionStatus::Draft { LT::AcceptAndSchedule } else { LT::AcceptAndSave }}
                on_accept={send.clone()} on_dismiss={{ let a = answer.clone(); Callback::from(move |_| a.set(None)) }} />

            if open {
                <section aria-labelledby="conflicts-title" class="card">
                    <h2 id="conflicts-title">{ LT::ConflictsNow.get(lang) }</h2>
                    if current.is_empty() { <p class="ok-text" id="no-conflicts">{ LT::NoConflictHere.get(lang) }</p> }
                    else { <ConflictList conflicts={current.clone()} id={Some(AttrValue::from("current-conflicts"))} /> }
                    if !s.accepted.is_empty() {
                        <h3>{ LT::AcceptedWarnings.get(lang) }</h3>
                        <ConflictList conflicts={s.accepted.clone()} />
                    }
                </section>
            }

            if may {
                <div class="actions">
                    if s.status == SessionStatus::Draft {
                        <button type="button" id="schedule" onclick={click(LivestreamCommand::ScheduleSession { session_id: id, accept: vec![] })}>{ LT::Schedule.get(lang) }</button>
                    }
                    if open {
                        <Link<Route> to={Route::EditLiveSession { id: id.to_string() }} classes="button secondary">{ LT::Edit.get(lang) }</Link<Route>>
                    }
                    if s.status == SessionStatus::Scheduled {
                        <button type="button" id="go-live" class="secondary" onclick={click(LivestreamCommand::StartSession { session_id: id })}>{ LT::GoLive.get(lang) }</button>
                    }
                    if s.status == SessionStatus::Live && !*ending {
                        <button type="button" id="end-session" onclick={{ let e = ending.clone(); Callback::from(move |_| e.set(true)) }}>{ LT::EndSession.get(lang) }</button>
                    }
                    if open && !*cancelling {
                        <button type="button" class="danger" id="cancel-session" onclick={{ let c = cancelling.clone(); Callback::from(move |_| c.set(true)) }}>{ LT::CancelSession.get(lang) }</button>
                    }
                </div>
                if *cancelling && open {
                    <div class="cancel-box">
                        <Field id="reason" label={LT::CancelReason.get(lang)}>
                            <textarea id="reason" rows="2" value={(*reason).clone()}
                                oninput={{ let r = reason.clone(); Callback::from(move |e: InputEvent| r.set(input_value(&e))) }} />
                        </Field>
                        <div class="actions">
                            <button type="button" class="danger" id="confirm-cancel" onclick={click(LivestreamCommand::CancelSession { session_id: id, reason: (*reason).clone() })}>{ LT::ConfirmCancel.get(lang) }</button>
                            <button type="button" class="secondary" onclick={{ let c = cancelling.clone(); Callback::from(move |_| c.set(false)) }}>{ LT::KeepAsIs.get(lang) }</button>
                        </div>
                    </div>
                }
                if *ending && s.status == SessionStatus::Live {
                    <form class="card" onsubmit={end_session}>
                        <Field id="peak-viewers" label={LT::PeakViewers.get(lang)}>
                            <input id="peak-viewers" type="number" min="0" value={(*viewers).clone()}
                                oninput={{ let v = viewers.clone(); Callback::from(move |e: InputEvent| v.set(input_value(&e))) }} />
                        </Field>
                        { for s.lineup.iter().filter(|f| f.counts()).map(|f| {
                            let e = f.enterprise_id;
                            let name = state.enterprises.get(&e).map(|x| x.profile.name.clone()).unwrap_or_default();
                            let apps = apps.clone();
                            let input_id = format!("apps-{e}");
                            html! {
                                <Field id={input_id.clone()} label={format!("{}{}{}", LT::Applications.get(lang), crate::i18n::colon(lang), name)}>
                                    <input id={input_id} type="number" min="0" value={apps.get(&e).cloned().unwrap_or_default()}
                                        oninput={Callback::from(move |ev: InputEvent| { let mut m = (*apps).clone(); m.insert(e, input_value(&ev)); apps.set(m); })} />
                                </Field>
                            }
                        }) }
                        <div class="actions"><button type="submit" id="save-outcome">{ LT::SaveOutcome.get(lang) }</button></div>
                    </form>
                }
            } else if actor.role != Role::Enterprise {
                <p class="muted">{ LT::OnlyManagers.get(lang) }</p>
            }

            if let Some(o) = &s.outcome {
                <section class="card" aria-labelledby="outcome-title">
                    <h2 id="outcome-title">{ LT::Outcomes.get(lang) }</h2>
                    <dl class="details">
                        <dt>{ LT::PeakViewers.get(lang) }</dt><dd id="outcome-viewers">{ o.peak_viewers }</dd>
                        <dt>{ LT::Applications.get(lang) }</dt>
                        <dd>{ crate::i18n::fill(LT::TotalApplications.get(lang), &[("n", o.total_applications().to_string())]) }</dd>
                        { for o.applications.iter().map(|(e, n)| html! {
                            <>
                                <dt>{ state.enterprises.get(e).map(|x| x.profile.name.clone()).unwrap_or_default() }</dt>
                                <dd>{ n }</dd>
                            </>
                        }) }
                    </dl>
                </section>
            }

            <section aria-labelledby="lineup-title">
                <h2 id="lineup-title">{ LT::Lineup.get(lang) }</h2>
                if s.lineup.is_empty() { <p class="empty">{ LT::LineupEmpty.get(lang) }</p> } else {
                    <div class="table-wrap">
                    <table class="lineup">
                        <thead><tr>
                            <th scope="col">{ LT::Slot.get(lang) }</th>
                            <th scope="col">{ LT::FieldEnterprise.get(lang) }</th>
                            <th scope="col">{ LT::FieldPosts.get(lang) }</th>
                            <th scope="col">{ LT::Answer.get(lang) }</th>
                            <th scope="col"></th>
                        </tr></thead>
                        <tbody>
                        { for s.lineup.iter().map(|f| {
                            let (a, b) = f.slot.interval(s.plan.start);
                            let e = state.enterprises.get(&f.enterprise_id);
                            let posts: Vec<String> = f.posts.iter().filter_map(|p| state.posts.get(p))
                                .map(|p| crate::live_text::post_with_headcount(lang, &p.details.title, p.details.headcount)).collect();
                            let mine = my_enterprise == Some(f.enterprise_id) || actor.role == Role::Organizer;
                            let answerable = open && mine && app.writable();
                            let eid = f.enterprise_id;
                            html! {
                                <tr key={eid.to_string()} data-enterprise={eid.to_string()}>
                                    <td class="nowrap">{ format!("{}–{}", fairlog_domain::time::to_local(a).format("%H:%M"), fairlog_domain::time::to_local(b).format("%H:%M")) }</td>
                                    <td>{ e.map(|e| e.profile.name.clone()).unwrap_or_default() }</td>
                                    <td>{ posts.join(crate::i18n::list_sep(lang)) }</td>
                                    <td><span class={classes!("badge", f.invitation.key())}>{ invitation(lang, &f.invitation) }</span></td>
                                    <td><div class="row-actions">
                                        if answerable && f.invitation == Invitation::Invited && actor.role == Role::Enterprise {
                                            <button type="button" class="accept-invitation" onclick={click(LivestreamCommand::AcceptInvitation { session_id: id, enterprise_id: eid })}>{ LT::Accept.get(lang) }</button>
                                            <label class="visually-hidden" for={format!("decline-{eid}")}>{ LT::DeclineReason.get(lang) }</label>
                                            <input id={format!("decline-{eid}")} type="text" placeholder={LT::DeclineReason.get(lang)} value={(*decline_reason).clone()}
                                                oninput={{ let r = decline_reason.clone(); Callback::from(move |e: InputEvent| r.set(input_value(&e))) }} />
                                            <button type="button" class="secondary" onclick={click(LivestreamCommand::DeclineInvitation { session_id: id, enterprise_id: eid, reason: (*decline_reason).clone() })}>{ LT::Decline.get(lang) }</button>
                                        }
                                        if may && open {
                                            <button type="button" class="link change-feature" onclick={edit_feature(eid)}>{ LT::ChangeSlot.get(lang) }</button>
                                            <button type="button" class="link" onclick={click(LivestreamCommand::RemoveFeature { session_id: id, enterprise_id: eid })}>{ LT::Remove.get(lang) }</button>
                                        }
                                    </div></td>
                                </tr>
                            }
                        }) }
                        </tbody>
                    </table>
                    </div>
                }
                if may && open {
                    <form class="card invite-form" onsubmit={send_invite} novalidate=true>
                        <h3>{ LT::Invite.get(lang) }</h3>
                        <div class="row">
                            <Field id="invite-enterprise" label={LT::FieldEnterprise.get(lang)}>
                                <select id="invite-enterprise" onchange={{ let (i, featured) = (invite.clone(), featured.clone()); Callback::from(move |e: Event| {
                                    let chosen = select_value(&e);
                                    // A featured enterprise brings its slot and posts into the form.
                                    let known = chosen.parse::<EnterpriseId>().ok().and_then(|id| featured.get(&id).cloned());
                                    i.set(known.unwrap_or_else(|| { let mut f = (*i).clone(); f.enterprise = chosen; f.posts.clear(); f }));
                                }) }}>
                                    <option value="" selected={inv.enterprise.is_empty()}>{ "—" }</option>
                                    { for state.enterprises.values().map(|e| html! {
                                        <option value={e.id.to_string()} selected={inv.enterprise == e.id.to_string()}>{ e.profile.name.clone() }</option>
                                    }) }
                                </select>
                            </Field>
                            <Field id="slot-offset" label={LT::FieldSlotStart.get(lang)}>
                                <input id="slot-offset" type="number" min="0" step="5" value={inv.offset.clone()}
                                    oninput={{ let i = invite.clone(); Callback::from(move |e: InputEvent| { let mut f = (*i).clone(); f.offset = input_value(&e); i.set(f); }) }} />
                            </Field>
                            <Field id="slot-minutes" label={LT::FieldSlotMinutes.get(lang)}>
                                <input id="slot-minutes" type="number" min="5" step="5" value={inv.minutes.clone()}
                                    oninput={{ let i = invite.clone(); Callback::from(move |e: InputEvent| { let mut f = (*i).clone(); f.minutes = input_value(&e); i.set(f); }) }} />
                            </Field>
                        </div>
                        if !open_posts.is_empty() {
                            <fieldset class="field">
                                <legend>{ LT::FieldPosts.get(lang) }</legend>
                                { for open_posts.iter().map(|p| {
                                    let pid = p.id;
                                    let invite = invite.clone();
                                    let input_id = format!("post-{pid}");
                                    html! {
                                        <label class="check" for={input_id.clone()}>
                                            <input type="checkbox" id={input_id} checked={inv.posts.contains(&pid)}
                                                onchange={Callback::from(move |_: Event| { let mut f = (*invite).clone(); if !f.posts.remove(&pid) { f.posts.insert(pid); } invite.set(f); })} />
                                            { format!("{}（{} 人，{}–{} 元/月）", p.details.title, p.details.headcount, p.details.salary_min, p.details.salary_max) }
                                        </label>
                                    }
                                }) }
                            </fieldset>
                        }
                        <div class="actions"><button type="submit" id="send-invitation">
                            { if inv.enterprise.parse::<EnterpriseId>().is_ok_and(|e| featured.contains_key(&e)) { LT::SaveFeature.get(lang) } else { LT::SendInvitation.get(lang) } }
                        </button></div>
                    </form>
                }
            </section>

            if s.status != SessionStatus::Draft {
                <section aria-labelledby="ics-title">
                    <h2 id="ics-title">{ LT::ExportIcs.get(lang) }</h2>
                    <div class="actions">
                        { for s.plan.hosts.iter().filter_map(|h| state.hosts.get(h)).map(|h| html! {
                            <button type="button" class="secondary" onclick={export(Scope::Host(h.id), h.profile.name.clone(), format!("host-{}", h.id))}>
                                { format!("{}{}{}", LT::ExportHostIcs.get(lang), crate::i18n::colon(lang), h.profile.name) }
                            </button>
                        }) }
                        if let Some(c) = channel {
                            <button type="button" class="secondary" onclick={export(Scope::Channel(c.id), c.details.name.clone(), format!("channel-{}", c.id))}>
                                { format!("{}{}{}", LT::ExportChannelIcs.get(lang), crate::i18n::colon(lang), c.details.name) }
                            </button>
                        }
                        if let Some(f) = fair {
                            <button type="button" class="secondary" onclick={export(Scope::Fair(f.id), f.details.name.clone(), format!("fair-{}", f.id))}>
                                { format!("{}{}{}", LT::ExportFairIcs.get(lang), crate::i18n::colon(lang), f.details.name) }
                            </button>
                        }
                    </div>
                </section>
            }
        </article>
    }
}
