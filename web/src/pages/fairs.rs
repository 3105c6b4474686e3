use fairlog_domain::demo::demo_commands;
use fairlog_domain::fair::Fair;
use fairlog_domain::Role;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::format;
use crate::i18n::{fill, mode, status, T};
use crate::session::use_prefs;
use crate::store::{now, use_app, use_commander, Notice, Phase};

/// The list of all fairs, or the welcome screen on first run.
#[component]
pub fn FairsPage() -> Html {
    let app = use_app();
    let lang = use_prefs().lang;
    if app.store.engine().log().is_empty() && app.phase == Phase::Ready {
        return html! { <Welcome /> };
    }
    let state = app.view();
    let mut fairs: Vec<&Fair> = state.fairs.values().collect();
    // Soonest first; unscheduled drafts last.
    fairs.sort_by(|a, b| {
        let key =
            |f: &Fair| (f.details.schedule.is_none(), f.details.schedule.map(|s| s.start), f.details.name.clone());
        key(a).cmp(&key(b))
    });
    html! {
        <section aria-labelledby="fairs-title">
            <div class="page-head">
                <h1 id="fairs-title">{ T::FairsTitle.get(lang) }</h1>
                <span class="muted">{ fill(T::FairsCount.get(lang), &[("n", fairs.len().to_string())]) }</span>
            </div>
            if fairs.is_empty() {
                <p class="empty">{ T::NoFairsYet.get(lang) }</p>
            } else {
                <div class="table-wrap">
                <table class="fairs">
                    <thead><tr>
                        <th scope="col">{ T::ColName.get(lang) }</th>
                        <th scope="col">{ T::ColSeries.get(lang) }</th>
                        <th scope="col">{ T::ColMode.get(lang) }</th>
                        <th scope="col">{ T::ColVenue.get(lang) }</th>
                        <th scope="col">{ T::ColDates.get(lang) }</th>
                        <th scope="col">{ T::ColStatus.get(lang) }</th>
                    </tr></thead>
                    <tbody>
                    { for fairs.iter().map(|f| {
                        let series = f.details.series.and_then(|s| state.series.get(&s)).map(|s| s.name.clone())
                            .unwrap_or_else(|| T::NoSeries.get(lang).to_owned());
                        let kind = f.status.kind();
                        html! {
                            <tr key={f.id.to_string()}>
                                <td><Link<Route> to={Route::Fair { id: f.id.to_string() }}>{ f.details.name.clone() }</Link<Route>></td>
                                <td>{ series }</td>
                                <td>{ mode(lang, f.details.mode) }</td>
                                <td>{ format::venue(lang, &f.details) }</td>
                                <td class="nowrap">{ format::schedule(lang, f.details.schedule.as_ref()) }</td>
                                <td><span class={classes!("badge", kind.key())}>{ status(lang, kind) }</span></td>
                            </tr>
                        }
                    }) }
                    </tbody>
                </table>
                </div>
            }
        </section>
    }
}

/// First run: load the demo season (through real commands) or start empty.
#[component]
fn Welcome() -> Html {
    let prefs = use_prefs();
    let lang = prefs.lang;
    let commander = use_commander();
    let busy = use_state(|| false);
    let navigator = use_navigator();
    let load_demo = {
        let busy = busy.clone();
        Callback::from(move |_| {
            if *busy {
                return;
            }
            busy.set(true);
            let commander = commander.clone();
            let busy = busy.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let cmds = demo_commands(now(), uuid::Uuid::new_v4);
                if let Err(e) = commander.run_all(cmds).await {
                    commander.notice(Some(Notice::Failed(e)));
                }
                busy.set(false);
            });
        })
    };
    let start_empty = Callback::from(move |_| {
        if let Some(n) = &navigator {
            n.push(&Route::NewFair);
        }
    });
    let organizer = prefs.session.role == Role::Organizer;
    html! {
        <section class="welcome" aria-labelledby="welcome-title">
            <h1 id="welcome-title">{ T::WelcomeTitle.get(lang) }</h1>
            <p>{ T::WelcomeBody.get(lang) }</p>
            <div class="actions">
                <button type="button" id="load-demo" onclick={load_demo} disabled={*busy}>{ T::LoadDemo.get(lang) }</button>
                <button type="button" class="secondary" onclick={start_empty}>{ T::StartEmpty.get(lang) }</button>
            </div>
            if !organizer { <p class="muted">{ T::OnlyOrganizersHint.get(lang) }</p> }
        </section>
    }
}
