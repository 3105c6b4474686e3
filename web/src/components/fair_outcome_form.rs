//! The organizer records a fair's results (参会人数, 投递简历, 录用, 返岗复工) once it has started;
//! the public figures add them up.
use fairlog_domain::fair::{FairCommand, FairOutcome, FairStatus};
use fairlog_domain::ids::FairId;
use yew::prelude::*;

use super::{input_value, Field};
use crate::hooks::use_command;
use crate::organizer_ui::Problem;
use crate::session::use_prefs;
use crate::store::{now, use_app};

crate::texts! {
    pub enum OutT {
        Title => "登记招聘会成效", "Record the fair's results";
        Hint => "这些数字计入公开数据看板。", "These figures count in the public dashboard.";
        Visitors => "参会人数", "Visitors";
        Applications => "投递简历（份）", "Applications";
        Hires => "录用人数", "Hires";
        Back => "帮助返岗复工（人）", "Helped back to work";
        Save => "保存成效", "Save the results";
        NotNumber => "请填写 0 或正整数", "Enter 0 or a whole number";
    }
}

#[derive(Properties, PartialEq)]
pub struct FairOutcomeFormProps {
    pub fair_id: FairId,
}

fn values_of(o: FairOutcome) -> [String; 4] {
    [o.visitors, o.applications, o.hires, o.returned_to_work].map(|v| v.to_string())
}

/// Shown to organizers on a published or closed fair that has started.
/// The form's number fields, in the order of `FairOutcome`'s figures.
const FIELDS: [(&str, OutT); 4] = [
    ("outcome-visitors", OutT::Visitors),
    ("outcome-applications", OutT::Applications),
    ("outcome-hires", OutT::Hires),
    ("outcome-back", OutT::Back),
];

#[component]
pub fn FairOutcomeForm(props: &FairOutcomeFormProps) -> Html {
    let app = use_app();
    let prefs = use_prefs();
    let lang = prefs.lang;
    let command = use_command();
    let fair = app.view().fairs.get(&props.fair_id).cloned();
    let current = fair.as_ref().and_then(|f| f.outcome).unwrap_or_default();
    let values = use_state(|| values_of(current));
    let Some(fair) = fair else { return html! {} };
    let started = fair.details.schedule.is_some_and(|s| s.start <= now());
    if !matches!(fair.status, FairStatus::Published | FairStatus::Closed) || !started {
        return html! {};
    }
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
            let mut n = [0u32; 4];
            for (i, v) in values.iter().enumerate() {
                match v.trim().parse::<u32>() {
                    Ok(x) => n[i] = x,
                    Err(_) => {
                        let text = OutT::NotNumber.get(lang).to_owned();
                        return command.set_problem(Some(Problem { field: Some(FIELDS[i].0), text }));
                    }
                }
            }
            let outcome = FairOutcome { visitors: n[0], applications: n[1], hires: n[2], returned_to_work: n[3] };
            command.run(FairCommand::RecordFairOutcome { fair_id, outcome }, |_| {});
        })
    };
    // Which field is not a number (beside it), or the domain's refusal (below the fields).
    let ids = FIELDS.map(|(id, _)| id);
    let field_error = |i: usize| match FIELDS.get(i) {
        Some((id, _)) => Problem::at(command.problem(), id),
        None => Problem::other(command.problem(), &ids),
    };
    let fields = FIELDS;
    let busy = command.busy();
    html! {
        <form class="outcome-form card" {onsubmit} novalidate=true aria-labelledby="outcome-title">
            <h2 id="outcome-title">{ OutT::Title.get(lang) }</h2>
            <p class="hint">{ OutT::Hint.get(lang) }</p>
            <div class="row">
                { for fields.iter().enumerate().map(|(i, (id, label))| html! {
                    <Field id={*id} label={label.get(lang)} error={field_error(i)}>
                        <input id={*id} type="number" min="0" inputmode="numeric" value={values[i].clone()} oninput={input(i)} />
                    </Field>
                }) }
            </div>
            if let Some(e) = field_error(4) { <p class="field-error" role="alert" id="outcome-error">{ e }</p> }
            <button type="submit" class="secondary" id="save-fair-outcome" disabled={busy || !app.writable()}>{ OutT::Save.get(lang) }</button>
        </form>
    }
}
