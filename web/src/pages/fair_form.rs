use fairlog_domain::fair::{FairCommand, FairError, FairMode, FairStatus, FairStatusKind};
use fairlog_domain::ids::FairId;
use fairlog_domain::industry::Industry;
use fairlog_domain::place::District;
use fairlog_domain::{DomainError, Intent, Role};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::{input_value, ui_error, Field};
use crate::forms::FairForm;
use crate::hooks::use_command;
use crate::i18n::{mode, Lang, T};
use crate::organizer_ui::OT;
use crate::pages::fair_page::AffectedEnterprises;
use crate::session::use_prefs;
use crate::store::{use_app, UiError};

#[derive(Properties, PartialEq)]
pub struct FairFormProps {
    /// The fair to edit; `None` for a new one.
    pub id: Option<String>,
}

struct Editing {
    id: FairId,
    version: u64,
    form: FairForm,
    /// Set when the fair can no longer be edited.
    locked: Option<FairStatusKind>,
}

/// A message waiting to be shown: beside a field, or above the form.
#[derive(Clone, PartialEq, Default)]
struct Problems {
    fields: Vec<(&'static str, String)>,
    form: Option<String>,
    /// The fair changed since the form was opened (another tab, a colleague).
    conflict: bool,
}

impl Problems {
    fn at(&self, field: &str) -> Option<String> {
        self.fields.iter().find(|(f, _)| *f == field).map(|(_, m)| m.clone())
    }
}

fn problem_for(lang: Lang, e: &UiError) -> Problems {
    let conflict = matches!(e, UiError::Rule(DomainError::Fair(FairError::EditConflict { .. })));
    match e {
        UiError::Rule(rule) => match rule.field() {
            Some(f) => Problems { fields: vec![(f, ui_error(lang, e))], form: None, conflict },
            None => Problems { fields: vec![], form: Some(ui_error(lang, e)), conflict },
        },
        _ => Problems { fields: vec![], form: Some(ui_error(lang, e)), conflict },
    }
}

/// Create or edit a fair. Format problems (a date that is not a date) are caught here; every
/// rule is checked by the domain and its message is shown beside the field it is about.
#[component]
pub fn FairFormPage(props: &FairFormProps) -> Html {
    let app = use_app();
    let prefs = use_prefs();
    let lang = prefs.lang;
    let command = use_command();
    let navigator = use_navigator();

    let editing: Option<Editing> = props.id.as_ref().and_then(|id| {
        let id: FairId = id.parse().ok()?;
        let state = app.view();
        let f = state.fairs.get(&id)?;
        let locked = (!fairlog_domain::fair::fair_is_open(&f.status)).then(|| f.status.kind());
        Some(Editing { id, version: f.version, form: FairForm::from_details(&f.details), locked })
    });
    let locked = editing.as_ref().and_then(|e| e.locked);
    // The version the form was opened at: an edit saved against it detects other tabs' changes.
    let opened_version = use_state(|| editing.as_ref().map(|e| e.version));
    let form = use_state(|| editing.as_ref().map(|e| e.form.clone()).unwrap_or_default());
    let problems = use_state(Problems::default);

    if props.id.is_some() && editing.is_none() {
        return html! { <p class="empty">{ T::FairNotFound.get(lang) }</p> };
    }
    let organizer = prefs.session.role == Role::Organizer;
    let writable = app.writable();

    // Selects report on change, text inputs on every keystroke.
    let set = |apply: fn(&mut FairForm, String)| {
        let form = form.clone();
        Callback::from(move |e: Event| {
            let mut f = (*form).clone();
            apply(&mut f, input_value(&e));
            form.set(f);
        })
    };
    let type_in = |apply: fn(&mut FairForm, String)| {
        let form = form.clone();
        Callback::from(move |e: InputEvent| {
            let mut f = (*form).clone();
            apply(&mut f, input_value(&e));
            form.set(f);
        })
    };

    let onsubmit = {
        let form = form.clone();
        let problems = problems.clone();
        let command = command.clone();
        let target = editing.as_ref().map(|e| e.id);
        let opened_version = *opened_version;
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if command.busy() {
                return;
            }
            let new_id = FairId(uuid::Uuid::new_v4());
            let intent_for = |details: &fairlog_domain::fair::FairDetails| -> (FairId, Intent) {
                let details = details.clone();
                match (target, opened_version) {
                    (Some(fair_id), Some(expected_version)) => {
                        (fair_id, FairCommand::EditFair { fair_id, expected_version, details }.into())
                    }
                    _ => (new_id, FairCommand::CreateFair { fair_id: new_id, details }.into()),
                }
            };
            // Every problem at once: values in a wrong format, then each rule the domain names.
            let (probe, format) = form.probe();
            let found = crate::pages::enterprise_common::every_problem(
                lang,
                &command.commander().store.engine(),
                command.actor(),
                probe,
                format,
                |d| intent_for(d).1,
                |d, field| {
                    match field {
                        "name" => d.name = "—".into(),
                        "address" | "venue" => d.venue = None,
                        "start" | "end" => d.schedule = None,
                        "capacity" => d.capacity = None,
                        "series" => d.series = None,
                        _ => return false,
                    }
                    true
                },
            );
            if !found.is_empty() {
                let conflict = matches!(found.form_rule, Some(DomainError::Fair(FairError::EditConflict { .. })));
                problems.set(Problems { fields: found.fields, form: found.form, conflict });
                return;
            }
            let Ok(details) = form.to_details() else { return };
            let (fair_id, intent) = intent_for(&details);
            let problems = problems.clone();
            let navigator = navigator.clone();
            command.run(intent, move |r| match r {
                Ok(_) => {
                    problems.set(Problems::default());
                    if let Some(n) = navigator {
                        n.push(&Route::Fair { id: fair_id.to_string() });
                    }
                }
                Err(e) => problems.set(problem_for(lang, e)),
            });
        })
    };

    // After a conflict: take the fair as it is now and edit from there.
    let reload_latest = {
        let (form, problems, opened_version) = (form.clone(), problems.clone(), opened_version.clone());
        let latest = editing.as_ref().map(|e| (e.version, e.form.clone()));
        Callback::from(move |_: MouseEvent| {
            if let Some((version, f)) = latest.clone() {
                opened_version.set(Some(version));
                form.set(f);
                problems.set(Problems::default());
            }
        })
    };

    let saving = command.busy();
    let state = app.view();
    let f = (*form).clone();
    let physical = FairMode::from_key(&f.mode).is_none_or(|m| m.is_physical());
    let title = if editing.is_some() { T::EditFairTitle } else { T::NewFairTitle };
    let place_label = match f.venue_kind.as_str() {
        "station" => T::FieldStation,
        _ => T::FieldAddress,
    };

    html! {
        <section aria-labelledby="form-title" class="form-page">
            <h1 id="form-title">{ title.get(lang) }</h1>
            if !organizer { <crate::components::OnlyOrganizersNote class={classes!("banner", "warn")} /> }
            if let Some(status) = locked {
                <p class="banner warn" role="note">{ ui_error(lang, &UiError::Rule(FairError::NotEditable { status }.into())) }</p>
            }
            if !writable { <p class="banner warn" role="note" id="form-error">{ crate::components::read_only_note(lang, &app) }</p> }
            if let Some(msg) = &problems.form {
                <div class="banner danger" role="alert" id="form-error">
                    <p>{ msg.clone() }</p>
                    if problems.conflict {
                        <button type="button" class="secondary" id="reload-latest" onclick={reload_latest}>{ OT::ReloadLatest.get(lang) }</button>
                    }
                </div>
            }
            if let (Some(e), false) = (&editing, locked.is_some()) {
                if state.fairs.get(&e.id).is_some_and(|f| f.status == FairStatus::Published) {
                    <AffectedEnterprises fair={e.id} />
                }
            }
            <form class="fair-form" {onsubmit} novalidate=true>
                <Field id="name" label={T::FieldName.get(lang)} required=true error={problems.at("name")}>
                    <input id="name" name="name" type="text" value={f.name.clone()} oninput={type_in(|f, v| f.name = v)}
                        aria-invalid={problems.at("name").is_some().to_string()} autocomplete="off" />
                </Field>
                <div class="row">
                    <Field id="series" label={T::FieldSeries.get(lang)} error={problems.at("series")}>
                        <select id="series" onchange={set(|f, v| f.series = v)}>
                            <option value="" selected={f.series.is_empty()}>{ T::NoSeries.get(lang) }</option>
                            { for state.series.values().map(|s| html! {
                                <option value={s.id.to_string()} selected={f.series == s.id.to_string()}>{ s.name.clone() }</option>
                            }) }
                        </select>
                    </Field>
                    <Field id="industry" label={T::FieldIndustry.get(lang)}>
                        <select id="industry" onchange={set(|f, v| f.industry = v)}>
                            { for Industry::ALL.iter().map(|i| html! {
                                <option value={i.key()} selected={f.industry == i.key()}>{ lang.pick(i.zh(), i.en()) }</option>
                            }) }
                        </select>
                    </Field>
                    <Field id="mode" label={T::FieldMode.get(lang)} error={problems.at("venue")}>
                        <select id="mode" onchange={set(|f, v| {
                            if v == FairMode::Online.key() { f.venue_kind = "none".into(); }
                            f.mode = v;
                        })}>
                            { for FairMode::ALL.iter().map(|m| html! {
                                <option value={m.key()} selected={f.mode == m.key()}>{ mode(lang, *m) }</option>
                            }) }
                        </select>
                    </Field>
                </div>
                if physical {
                    <div class="row">
                        <Field id="venue-kind" label={T::FieldVenueKind.get(lang)}>
                            <select id="venue-kind" onchange={set(|f, v| f.venue_kind = v)}>
                                <option value="hall" selected={f.venue_kind == "hall"}>{ T::VenueHall.get(lang) }</option>
                                <option value="station" selected={f.venue_kind == "station"}>{ T::VenueStation.get(lang) }</option>
                                <option value="remote" selected={f.venue_kind == "remote"}>{ T::VenueRemote.get(lang) }</option>
                                <option value="none" selected={f.venue_kind == "none"}>{ T::VenueNone.get(lang) }</option>
                            </select>
                        </Field>
                        if f.venue_kind == "hall" || f.venue_kind == "station" {
                            <Field id="district" label={T::FieldDistrict.get(lang)}>
                                <select id="district" onchange={set(|f, v| f.district = v)}>
                                    { for District::ALL.iter().map(|d| html! {
                                        <option value={d.key()} selected={f.district == d.key()}>{ lang.pick(d.zh(), d.en()) }</option>
                                    }) }
                                </select>
                            </Field>
                        }
                        if f.venue_kind == "remote" {
                            <Field id="region" label={T::FieldRegion.get(lang)}>
                                <input id="region" type="text" value={f.region.clone()} oninput={type_in(|f, v| f.region = v)}
                                    placeholder={lang.pick("例如：云南大理", "e.g. Dali, Yunnan")} />
                            </Field>
                        }
                    </div>
                    if f.venue_kind != "none" {
                        <Field id="place" label={place_label.get(lang)} error={problems.at("address")}>
                            <input id="place" type="text" value={f.place.clone()} oninput={type_in(|f, v| f.place = v)}
                                aria-invalid={problems.at("address").is_some().to_string()} />
                        </Field>
                    }
                }
                <div class="row">
                    <Field id="start" label={T::FieldStart.get(lang)} error={problems.at("start")}>
                        <input id="start" type="datetime-local" value={f.start.clone()} oninput={type_in(|f, v| f.start = v)}
                            aria-invalid={problems.at("start").is_some().to_string()} />
                    </Field>
                    <Field id="end" label={T::FieldEnd.get(lang)} error={problems.at("end")}>
                        <input id="end" type="datetime-local" value={f.end.clone()} oninput={type_in(|f, v| f.end = v)}
                            aria-invalid={problems.at("end").is_some().to_string()} />
                    </Field>
                    <Field id="capacity" label={T::FieldCapacity.get(lang)} hint={Some(AttrValue::from(T::HintCapacity.get(lang)))} error={problems.at("capacity")}>
                        <input id="capacity" type="number" min="1" step="1" inputmode="numeric" value={f.capacity.clone()}
                            oninput={type_in(|f, v| f.capacity = v)} aria-invalid={problems.at("capacity").is_some().to_string()} />
                    </Field>
                </div>
                <p class="hint">{ T::HintTimes.get(lang) }</p>
                <div class="actions">
                    <button type="submit" id="save" disabled={saving || !organizer || !writable || locked.is_some()}>
                        { if saving { T::Saving.get(lang) } else { T::Save.get(lang) } }
                    </button>
                    <Link<Route> to={match &editing { Some(e) => Route::Fair { id: e.id.to_string() }, None => Route::Fairs }} classes="button secondary">
                        { T::Cancel.get(lang) }
                    </Link<Route>>
                </div>
            </form>
        </section>
    }
}
