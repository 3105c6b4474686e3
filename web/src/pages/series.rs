//! Series (系列活动): the list, and a form to create one.
use fairlog_domain::ids::SeriesId;
use fairlog_domain::series::{SeriesCommand, SeriesKind};
use fairlog_domain::Role;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::Field;
use crate::hooks::use_command;
use crate::i18n::{fill, series_kind, T};
use crate::organizer_ui::{set_choice, set_text, Problem, OT};
use crate::session::use_prefs;
use crate::store::use_app;

#[component]
pub fn SeriesPage() -> Html {
    let app = use_app();
    let prefs = use_prefs();
    let lang = prefs.lang;
    let command = use_command();
    let name = use_state(String::new);
    let kind = use_state(|| "thousands_of_posts".to_string());
    let region = use_state(String::new);

    let onsubmit = {
        let (name, kind, region, command) = (name.clone(), kind.clone(), region.clone(), command.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let k = match kind.as_str() {
                "industry_special" => SeriesKind::IndustrySpecial,
                "recruitment_tour" => SeriesKind::RecruitmentTour { partner_region: (*region).clone() },
                "campaign" => SeriesKind::Campaign,
                _ => SeriesKind::ThousandsOfPosts,
            };
            let cmd = SeriesCommand::CreateSeries {
                series_id: SeriesId(uuid::Uuid::new_v4()),
                name: (*name).clone(),
                kind: k,
            };
            let (name, region) = (name.clone(), region.clone());
            command.run(cmd, move |r| {
                if r.is_ok() {
                    name.set(String::new());
                    region.set(String::new());
                }
            });
        })
    };

    let view = app.view();
    let state: &fairlog_domain::State = &view;
    let mut series: Vec<_> = state.series.values().collect();
    series.sort_by(|a, b| a.name.cmp(&b.name));
    let count = |id: SeriesId| state.fairs.values().filter(|f| f.details.series == Some(id)).count();
    let organizer = prefs.session.role == Role::Organizer;
    let writable = app.writable();
    let (problem, busy) = (command.problem(), command.busy());
    let kinds = [
        ("thousands_of_posts", OT::KindThousands),
        ("industry_special", OT::KindIndustry),
        ("recruitment_tour", OT::KindTour),
        ("campaign", OT::KindCampaign),
    ];

    html! {
        <section aria-labelledby="series-title" class="series-page">
            <h1 id="series-title">{ OT::SeriesTitle.get(lang) }</h1>
            if series.is_empty() {
                <p class="empty">{ OT::NoSeriesYet.get(lang) }</p>
            } else {
                <div class="table-wrap">
                <table class="series-list">
                    <thead><tr>
                        <th scope="col">{ OT::SeriesName.get(lang) }</th>
                        <th scope="col">{ OT::SeriesKind.get(lang) }</th>
                        <th scope="col">{ T::FairsTitle.get(lang) }</th>
                        if organizer && writable { <th scope="col"><span class="visually-hidden">{ OT::Rename.get(lang) }</span></th> }
                    </tr></thead>
                    <tbody>
                        { for series.iter().map(|s| html! {
                            <tr key={s.id.to_string()} data-series={s.id.to_string()}>
                                <td class="series-name">{ s.name.clone() }</td>
                                <td>{ series_kind(lang, &s.kind) }</td>
                                <td><Link<Route, SeriesQuery> to={Route::Fairs} query={Some(SeriesQuery { series: s.id.to_string() })}>
                                    { fill(OT::FairsInSeries.get(lang), &[("n", count(s.id).to_string())]) }
                                </Link<Route, SeriesQuery>></td>
                                if organizer && writable { <td><RenameSeries id={s.id} name={s.name.clone()} /></td> }
                            </tr>
                        }) }
                    </tbody>
                </table>
                </div>
            }
            if organizer && writable {
                <form class="fair-form series-form" {onsubmit} novalidate=true>
                    <h2>{ OT::NewSeries.get(lang) }</h2>
                    if let Some(m) = Problem::other(problem, &["name", "region"]) { <p class="banner danger" role="alert">{ m }</p> }
                    <div class="row">
                        <Field id="series-name" label={OT::SeriesName.get(lang)} error={Problem::at(problem, "name")}>
                            <input id="series-name" type="text" value={(*name).clone()} oninput={set_text(&name)}
                                aria-invalid={Problem::at(problem, "name").is_some().to_string()} />
                        </Field>
                        <Field id="series-kind" label={OT::SeriesKind.get(lang)}>
                            <select id="series-kind" onchange={set_choice(&kind)}>
                                { for kinds.iter().map(|(k, t)| html! { <option value={*k} selected={*kind == *k}>{ t.get(lang) }</option> }) }
                            </select>
                        </Field>
                        if *kind == "recruitment_tour" {
                            <Field id="series-region" label={OT::PartnerRegion.get(lang)} error={Problem::at(problem, "region")}>
                                <input id="series-region" type="text" value={(*region).clone()} oninput={set_text(&region)}
                                    placeholder={lang.pick("例如：云南大理", "e.g. Dali, Yunnan")} />
                            </Field>
                        }
                    </div>
                    <div class="actions"><button type="submit" id="create-series" disabled={busy}>{ OT::CreateSeries.get(lang) }</button></div>
                </form>
            } else if !organizer {
                <crate::components::OnlyOrganizersNote />
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct RenameProps {
    id: SeriesId,
    name: String,
}

/// A series' new name, typed in place; the domain's refusal (an empty name, say) is shown there.
#[component]
fn RenameSeries(props: &RenameProps) -> Html {
    let prefs = use_prefs();
    let lang = prefs.lang;
    let command = use_command();
    let editing = use_state(|| false);
    let name = use_state(|| props.name.clone());
    if !*editing {
        let (editing, name, current) = (editing.clone(), name.clone(), props.name.clone());
        return html! {
            <button type="button" class="link rename-series" onclick={Callback::from(move |_| { name.set(current.clone()); editing.set(true); })}>
                { OT::Rename.get(lang) }
            </button>
        };
    }
    let onsubmit = {
        let (name, editing, command, id) = (name.clone(), editing.clone(), command.clone(), props.id);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let editing = editing.clone();
            let cmd = SeriesCommand::RenameSeries { series_id: id, name: (*name).clone() };
            command.run(cmd, move |r| {
                if r.is_ok() {
                    editing.set(false);
                }
            });
        })
    };
    let input_id = format!("rename-{}", props.id);
    let error = command.problem_text();
    html! {
        <form class="inline-form rename-form" {onsubmit} novalidate=true>
            <label class="visually-hidden" for={input_id.clone()}>{ OT::SeriesName.get(lang) }</label>
            <input id={input_id} type="text" value={(*name).clone()} oninput={set_text(&name)} aria-invalid={error.is_some().to_string()} />
            <button type="submit" class="secondary">{ T::Save.get(lang) }</button>
            <button type="button" class="link" onclick={{ let editing = editing.clone(); Callback::from(move |_| editing.set(false)) }}>{ OT::CancelEdit.get(lang) }</button>
            if let Some(t) = error { <p class="field-error" role="alert">{ t }</p> }
        </form>
    }
}

/// `?series=<id>` on the fair list.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SeriesQuery {
    pub series: String,
}
