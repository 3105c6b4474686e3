//! The organizer sets a fair's booking rules: how long a request or offer holds its booth, how
//! many booths one enterprise may have, and how long before the start requests close.
use fairlog_domain::booking::{rules_of, BookingCommand, BookingRules};
use fairlog_domain::ids::FairId;
use yew::prelude::*;

use super::{input_value, Field};
use crate::enterprise_texts::ET;
use crate::hooks::use_command;
use crate::i18n::T;
use crate::organizer_ui::Problem;
use crate::session::use_prefs;
use crate::store::use_app;

#[derive(Properties, PartialEq)]
pub struct BookingRulesFormProps {
    pub fair_id: FairId,
}

#[component]
pub fn BookingRulesForm(props: &BookingRulesFormProps) -> Html {
    let app = use_app();
    let prefs = use_prefs();
    let lang = prefs.lang;
    let command = use_command();
    let current = rules_of(&app.view(), props.fair_id);
    let values = use_state(|| {
        [current.hold_hours, current.max_booths_per_enterprise, current.cutoff_hours].map(|v| v.to_string())
    });
    let input = |i: usize| {
        let values = values.clone();
        Callback::from(move |e: InputEvent| {
            let mut v = (*values).clone();
            v[i] = input_value(&e);
            values.set(v);
        })
    };
    let onsubmit = {
        let (values, command) = (values.clone(), command.clone());
        let fair_id = props.fair_id;
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let n: Vec<Option<u32>> = values.iter().map(|v| v.trim().parse().ok()).collect();
            let [Some(hold_hours), Some(max_booths_per_enterprise), Some(cutoff_hours)] = n[..] else {
                command.set_problem(Some(Problem { field: None, text: T::InvalidNumber.get(lang).to_owned() }));
                return;
            };
            let rules = BookingRules { hold_hours, max_booths_per_enterprise, cutoff_hours };
            command.run(BookingCommand::SetBookingRules { fair_id, rules }, |_| {});
        })
    };
    let writable = app.writable();
    let (error, busy) = (command.problem_text(), command.busy());
    html! {
        <form class="rules-form" {onsubmit} novalidate=true aria-labelledby="rules-title">
            <h3 id="rules-title">{ ET::RulesTitle.get(lang) }</h3>
            <div class="row">
                <Field id="hold-hours" label={ET::RuleHold.get(lang)}>
                    <input id="hold-hours" type="number" min="1" inputmode="numeric" value={values[0].clone()} oninput={input(0)} />
                </Field>
                <Field id="max-booths" label={ET::RuleMaxBooths.get(lang)}>
                    <input id="max-booths" type="number" min="1" inputmode="numeric" value={values[1].clone()} oninput={input(1)} />
                </Field>
                <Field id="cutoff-hours" label={ET::RuleCutoff.get(lang)}>
                    <input id="cutoff-hours" type="number" min="0" inputmode="numeric" value={values[2].clone()} oninput={input(2)} />
                </Field>
            </div>
            if let Some(e) = &error { <p class="field-error" role="alert" id="rules-error" data-field="rules">{ e.clone() }</p> }
            <button type="submit" class="secondary" id="save-rules" disabled={busy || !writable}>{ T::Save.get(lang) }</button>
        </form>
    }
}
