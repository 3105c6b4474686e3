//! Hosts (profiles and availability), channels, and the allowlist of streaming sites.
use fairlog_domain::host::{ChannelDetails, HostCommand, HostProfile, Platform, Window};
use fairlog_domain::ids::{ChannelId, HostId};
use fairlog_domain::time::parse_local_input;
use fairlog_domain::{Intent, Role};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::{input_value, select_value, Field};
use crate::hooks::use_command;
use crate::i18n::T;
use crate::live_text::{platform, span, LT};
use crate::organizer_ui::Problem;
use crate::session::use_prefs;
use crate::store::use_app;

/// The fields of the page's forms (a refusal about none of them is shown above the forms).
const FIELDS: &[&str] = &["domain", "channel_name", "stream_url", "windows", "host_name", "host_title", "organisation"];

#[component]
pub fn LiveSetupPage() -> Html {
    let app = use_app();
    let prefs = use_prefs();
    let lang = prefs.lang;
    let command = use_command();
    let domain = use_state(String::new);
    let ch_name = use_state(String::new);
    let ch_platform = use_state(|| Platform::PublicPlatform.key().to_string());
    let ch_url = use_state(String::new);
    let h_name = use_state(String::new);
    let h_title = use_state(String::new);
    let h_org = use_state(String::new);
    let w_host = use_state(String::new);
    let w_start = use_state(String::new);
    let w_end = use_state(String::new);

    let state: fairlog_domain::State = (*app.view()).clone();
    let actor = prefs.session.actor();
    let organizer = actor.role == Role::Organizer;
    let writable = app.writable();

    let run = {
        let command = command.clone();
        move |intent: Intent, clear: Vec<UseStateHandle<String>>| {
            command.run(intent, move |r| {
                if r.is_ok() {
                    for c in clear {
                        c.set(String::new());
                    }
                }
            });
        }
    };
    let text = |h: &UseStateHandle<String>| {
        let h = h.clone();
        Callback::from(move |e: InputEvent| h.set(input_value(&e)))
    };

    let add_domain = {
        let run = run.clone();
        let domain = domain.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            run(HostCommand::AllowStreamDomain { domain: (*domain).clone() }.into(), vec![domain.clone()]);
        })
    };
    let add_channel = {
        let run = run.clone();
        let (n, p, u) = (ch_name.clone(), ch_platform.clone(), ch_url.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let details = ChannelDetails {
                name: (*n).clone(),
                platform: Platform::from_key(&p).unwrap_or(Platform::Other),
                stream_url: (*u).clone(),
            };
            run(
                HostCommand::AddChannel { channel_id: ChannelId(uuid::Uuid::new_v4()), details }.into(),
                vec![n.clone(), u.clone()],
            );
        })
    };
    let register_host = {
        let run = run.clone();
        let (n, t, o) = (h_name.clone(), h_title.clone(), h_org.clone());
        let subject = actor.subject;
        let role = actor.role;
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            // A host registers itself under the id it acts as; an organizer makes a new one.
            let id = match (role, subject) {
                (Role::Host, Some(s)) => HostId(s),
                _ => HostId(uuid::Uuid::new_v4()),
            };
            let profile = HostProfile { name: (*n).clone(), title: (*t).clone(), organisation: (*o).clone() };
            run(HostCommand::RegisterHost { host_id: id, profile }.into(), vec![n.clone(), t.clone(), o.clone()]);
        })
    };
    let add_window = {
        let run = run.clone();
        let (h, s, en) = (w_host.clone(), w_start.clone(), w_end.clone());
        let state = state.clone();
        let command = command.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(host) = h.parse::<HostId>().ok().and_then(|id| state.hosts.get(&id)) else { return };
            let (Some(start), Some(end)) = (parse_local_input(&s), parse_local_input(&en)) else {
                command.set_problem(Some(Problem { field: Some("windows"), text: T::InvalidTime.get(lang).into() }));
                return;
            };
            let mut windows = host.availability.clone();
            windows.push(Window { start, end });
            run(HostCommand::SetAvailability { host_id: host.id, windows }.into(), vec![s.clone(), en.clone()]);
        })
    };
    let clear_windows = |id: HostId| {
        let run = run.clone();
        Callback::from(move |_: MouseEvent| {
            run(HostCommand::SetAvailability { host_id: id, windows: vec![] }.into(), vec![])
        })
    };
    let remove_domain = |d: String| {
        let run = run.clone();
        Callback::from(move |_: MouseEvent| run(HostCommand::RemoveStreamDomain { domain: d.clone() }.into(), vec![]))
    };
    let p = command.problem();
    let may_edit_host = |id: HostId| organizer || (actor.role == Role::Host && actor.subject == Some(id.0));
    let host_options: Vec<_> = state.hosts.values().filter(|h| may_edit_host(h.id)).collect();

    html! {
        <section class="setup-page" aria-labelledby="setup-title">
            <p><Link<Route> to={Route::Live}>{ "← " }{ LT::LiveTitle.get(lang) }</Link<Route>></p>
            <h1 id="setup-title">{ LT::Setup.get(lang) }</h1>
            if let Some(t) = Problem::other(p, FIELDS) { <p class="banner danger" role="alert" id="setup-error">{ t }</p> }

            <section class="card" aria-labelledby="allow-title">
                <h2 id="allow-title">{ LT::Allowlist.get(lang) }</h2>
                <p class="hint">{ LT::AllowlistHint.get(lang) }</p>
                <ul class="domains" id="domains">
                    { for state.stream_domains.keys().map(|d| html! {
                        <li key={d.clone()}><code>{ d.clone() }</code>
                            if organizer && writable { { " " }<button type="button" class="link" onclick={remove_domain(d.clone())}>{ LT::Remove.get(lang) }</button> }
                        </li>
                    }) }
                </ul>
                if organizer {
                    <form class="inline-form" onsubmit={add_domain} novalidate=true>
                        <Field id="domain" label={LT::FieldDomain.get(lang)} error={Problem::at(p, "domain")}>
                            <input id="domain" type="text" value={(*domain).clone()} oninput={text(&domain)} placeholder="live.example.cn" />
                        </Field>
                        <button type="submit" disabled={!writable} id="add-domain">{ LT::AddDomain.get(lang) }</button>
                    </form>
                } else { <p class="muted">{ LT::OnlyOrganizers.get(lang) }</p> }
            </section>

            <section class="card" aria-labelledby="channels-title">
                <h2 id="channels-title">{ LT::Channels.get(lang) }</h2>
                <div class="table-wrap"><table class="channels">
                    <thead><tr><th scope="col">{ LT::FieldChannelName.get(lang) }</th><th scope="col">{ LT::FieldPlatform.get(lang) }</th><th scope="col">{ LT::FieldStreamUrl.get(lang) }</th></tr></thead>
                    <tbody>
                    { for state.channels.values().map(|c| html! {
                        <tr key={c.id.to_string()}><td>{ c.details.name.clone() }</td><td>{ platform(lang, c.details.platform) }</td><td class="url">{ c.details.stream_url.clone() }</td></tr>
                    }) }
                    </tbody>
                </table></div>
                if organizer {
                    <form class="card-form" onsubmit={add_channel} novalidate=true>
                        <h3>{ LT::AddChannel.get(lang) }</h3>
                        <div class="row">
                            <Field id="channel-name" label={LT::FieldChannelName.get(lang)} error={Problem::at(p, "channel_name")}>
                                <input id="channel-name" type="text" value={(*ch_name).clone()} oninput={text(&ch_name)} />
                            </Field>
                            <Field id="channel-platform" label={LT::FieldPlatform.get(lang)}>
                                <select id="channel-platform" onchange={{ let c = ch_platform.clone(); Callback::from(move |e: Event| c.set(select_value(&e))) }}>
                                    { for Platform::ALL.iter().map(|pl| html! {
                                        <option value={pl.key()} selected={*ch_platform == pl.key()}>{ platform(lang, *pl) }</option>
                                    }) }
                                </select>
                            </Field>
                        </div>
                        <Field id="stream-url" label={LT::FieldStreamUrl.get(lang)} error={Problem::at(p, "stream_url")}>
                            <input id="stream-url" type="url" value={(*ch_url).clone()} oninput={text(&ch_url)} placeholder="https://"
                                aria-invalid={Problem::at(p, "stream_url").is_some().to_string()} />
                        </Field>
                        <button type="submit" disabled={!writable} id="add-channel">{ LT::AddChannel.get(lang) }</button>
                    </form>
                }
            </section>

            <section class="card" aria-labelledby="hosts-title">
                <h2 id="hosts-title">{ LT::Hosts.get(lang) }</h2>
                <div class="table-wrap"><table class="hosts">
                    <thead><tr><th scope="col">{ LT::FieldName.get(lang) }</th><th scope="col">{ LT::FieldHostTitle.get(lang) }</th><th scope="col">{ LT::FieldOrganisation.get(lang) }</th><th scope="col">{ LT::Availability.get(lang) }</th></tr></thead>
                    <tbody>
                    { for state.hosts.values().map(|h| html! {
                        <tr key={h.id.to_string()}>
                            <td>{ h.profile.name.clone() }</td><td>{ h.profile.title.clone() }</td><td>{ h.profile.organisation.clone() }</td>
                            <td>
                                if h.availability.is_empty() { <span class="muted">{ LT::AvailabilityAny.get(lang) }</span> }
                                else { <ul class="windows">{ for h.availability.iter().map(|w| html! { <li>{ span(w.start, w.end) }</li> }) }</ul> }
                                if writable && may_edit_host(h.id) && !h.availability.is_empty() {
                                    <button type="button" class="link" onclick={clear_windows(h.id)}>{ LT::Clear.get(lang) }</button>
                                }
                            </td>
                        </tr>
                    }) }
                    </tbody>
                </table></div>
                if !host_options.is_empty() {
                    <form class="card-form" onsubmit={add_window} novalidate=true>
                        <h3>{ LT::AddWindow.get(lang) }</h3>
                        <div class="row">
                            <Field id="window-host" label={LT::Hosts.get(lang)}>
                                <select id="window-host" onchange={{ let c = w_host.clone(); Callback::from(move |e: Event| c.set(select_value(&e))) }}>
                                    <option value="" selected={w_host.is_empty()}>{ "—" }</option>
                                    { for host_options.iter().map(|h| html! {
                                        <option value={h.id.to_string()} selected={*w_host == h.id.to_string()}>{ format!("{} · {}", h.profile.name, h.profile.title) }</option>
                                    }) }
                                </select>
                            </Field>
                            <Field id="window-start" label={LT::FieldWindowStart.get(lang)} error={Problem::at(p, "windows")}>
                                <input id="window-start" type="datetime-local" value={(*w_start).clone()} oninput={text(&w_start)} />
                            </Field>
                            <Field id="window-end" label={LT::FieldWindowEnd.get(lang)}>
                                <input id="window-end" type="datetime-local" value={(*w_end).clone()} oninput={text(&w_end)} />
                            </Field>
                        </div>
                        <button type="submit" disabled={!writable} id="add-window">{ LT::AddWindow.get(lang) }</button>
                    </form>
                }
                if organizer || actor.role == Role::Host {
                    <form class="card-form" onsubmit={register_host} novalidate=true>
                        <h3>{ LT::RegisterHost.get(lang) }</h3>
                        <div class="row">
                            <Field id="host-name" label={LT::FieldName.get(lang)} error={Problem::at(p, "host_name")}>
                                <input id="host-name" type="text" value={(*h_name).clone()} oninput={text(&h_name)} />
                            </Field>
                            <Field id="host-title" label={LT::FieldHostTitle.get(lang)} error={Problem::at(p, "host_title")}>
                                <input id="host-title" type="text" value={(*h_title).clone()} oninput={text(&h_title)} placeholder={lang.pick("例如：局长", "e.g. Bureau director")} />
                            </Field>
                            <Field id="organisation" label={LT::FieldOrganisation.get(lang)} error={Problem::at(p, "organisation")}>
                                <input id="organisation" type="text" value={(*h_org).clone()} oninput={text(&h_org)} placeholder={lang.pick("例如：徐汇区人力资源和社会保障局", "e.g. Xuhui HRSS Bureau")} />
                            </Field>
                        </div>
                        <button type="submit" disabled={!writable} id="register-host">{ LT::RegisterHost.get(lang) }</button>
                    </form>
                }
            </section>
        </section>
    }
}
