//! "延期举办": an organizer moves a published fair to later dates, with a reason the enterprises
//! holding booths are shown. The rule (later start, the dates' limits, a reason) is the domain's
//! `may_postpone_fair`; this box only gathers the values and shows its answer.
use fairlog_domain::fair::{FairCommand, Schedule};
use fairlog_domain::ids::FairId;
use fairlog_domain::time::{format_local_input, parse_local_input};
use yew::prelude::*;

use crate::components::{input_value, Field};
use crate::hooks::use_command;
use crate::i18n::T;
use crate::organizer_ui::Problem;
use crate::session::use_prefs;
use crate::store::use_app;

crate::texts! {
    pub enum PT {
        Postpone => "延期举办", "Postpone";
        Title => "延期举办这场招聘会", "Postpone this job fair";
        NewStart => "新的开始时间", "New start";
        NewEnd => "新的结束时间", "New end";
        Reason => "延期原因（将告知已预订展位的企业）", "Reason (shown to the enterprises holding booths)";
        Confirm => "确认延期", "Postpone the fair";
        Keep => "不延期", "Keep the dates";
    }
}

#[derive(Properties, PartialEq)]
pub struct PostponeFairProps {
    pub fair: FairId,
    /// The fair's current dates, the form's starting point.
    pub schedule: Option<Schedule>,
    /// Who will be told (shown in the box).
    #[prop_or_default]
    pub children: Html,
}

/// The button, and once pressed the box with the new dates and the reason.
#[component]
pub fn PostponeFair(props: &PostponeFairProps) -> Html {
    let app = use_app();
    let lang = use_prefs().lang;
    let command = use_command();
    let open = use_state(|| false);
    let start = use_state(|| props.schedule.map(|s| format_local_input(s.start)).unwrap_or_default());
    let end = use_state(|| props.schedule.map(|s| format_local_input(s.end)).unwrap_or_default());
    let reason = use_state(String::new);
    if !app.writable() {
        return html! {};
    }
    if !*open {
        let o = open.clone();
        return html! {
            <button type="button" class="secondary" id="postpone-fair" onclick={Callback::from(move |_| o.set(true))}>{ PT::Postpone.get(lang) }</button>
        };
    }
    let submit = {
        let (start, end, reason, command, open) =
            (start.clone(), end.clone(), reason.clone(), command.clone(), open.clone());
        let fair_id = props.fair;
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if command.busy() {
                return;
            }
            let invalid = |field| Some(Problem { field: Some(field), text: T::InvalidTime.get(lang).to_owned() });
            let Some(s) = parse_local_input(&start) else {
                return command.set_problem(invalid("start"));
            };
            let Some(en) = parse_local_input(&end) else {
                return command.set_problem(invalid("end"));
            };
            let intent = FairCommand::PostponeFair {
                fair_id,
                schedule: Schedule { start: s, end: en },
                reason: (*reason).clone(),
            };
            let open = open.clone();
            command.run(intent, move |r| {
                if r.is_ok() {
                    open.set(false);
                }
            });
        })
    };
    // Beside "start", "end" or "reason", or above the buttons for the rest.
    let about = |field: &str| Problem::at(command.problem(), field);
    let elsewhere = Problem::other(command.problem(), &["start", "end", "reason"]);
    let set = |h: &UseStateHandle<String>| {
        let h = h.clone();
        Callback::from(move |e: InputEvent| h.set(input_value(&e)))
    };
    let close = {
        let (open, command) = (open.clone(), command.clone());
        Callback::from(move |_| {
            command.set_problem(None);
            open.set(false);
        })
    };
    html! {
        <form class="postpone-box" onsubmit={submit} aria-labelledby="postpone-title" novalidate=true>
            <h2 id="postpone-title">{ PT::Title.get(lang) }</h2>
            { props.children.clone() }
            <div class="row">
                <Field id="postpone-start" label={PT::NewStart.get(lang)} error={about("start")}>
                    <input id="postpone-start" type="datetime-local" value={(*start).clone()} oninput={set(&start)} />
                </Field>
                <Field id="postpone-end" label={PT::NewEnd.get(lang)} error={about("end")}>
                    <input id="postpone-end" type="datetime-local" value={(*end).clone()} oninput={set(&end)} />
                </Field>
            </div>
            <Field id="postpone-reason" label={PT::Reason.get(lang)} error={about("reason")}>
                <textarea id="postpone-reason" rows="2" value={(*reason).clone()} oninput={set(&reason)} />
            </Field>
            if let Some(m) = elsewhere { <p class="banner danger" role="alert">{ m }</p> }
            <div class="actions">
                <button type="submit" id="confirm-postpone" disabled={command.busy()}>{ PT::Confirm.get(lang) }</button>
                <button type="button" class="secondary" onclick={close}>{ PT::Keep.get(lang) }</button>
            </div>
        </form>
    }
}
