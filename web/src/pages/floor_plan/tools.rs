//! The organizer's floor-plan tools: hall size, zones, the new-booth tool, adding a booth at a
//! position or a row of booths, and the number of virtual booths. Each form sends one command and
//! shows the domain's refusal beside the field it is about.
use fairlog_domain::floor_plan::{FloorPlanCommand, Zone};
use fairlog_domain::ids::{BoothId, FairId, ZoneId};
use yew::prelude::*;

use super::{num, use_sender, BoothTool, PT, SIZES};
use crate::components::{input_value, Field};
use crate::i18n::fill;
use crate::organizer_ui::{set_text, Problem, OT};
use crate::session::use_prefs;

#[derive(Properties, PartialEq)]
pub struct HallProps {
    pub fair_id: FairId,
    pub width: u16,
    pub depth: u16,
    pub on_live: Callback<String>,
}

/// The hall's width and depth in metres.
#[component]
pub fn HallForm(p: &HallProps) -> Html {
    let prefs = use_prefs();
    let lang = prefs.lang;
    let sender = use_sender(&p.on_live);
    let (w, d, problem) = (use_state(String::new), use_state(String::new), sender.problem_handle());
    let onsubmit = {
        let (w, d, problem) = (w.clone(), d.clone(), problem.clone());
        let (fair_id, cur_w, cur_d) = (p.fair_id, p.width, p.depth);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let width = if w.trim().is_empty() { Some(cur_w) } else { num(&w) };
            let depth = if d.trim().is_empty() { Some(cur_d) } else { num(&d) };
            let (Some(width), Some(depth)) = (width, depth) else {
                problem.set(Some(Problem { field: Some("hall"), text: PT::NotANumber.get(lang).into() }));
                return;
            };
            let cmd = FloorPlanCommand::SizeHall { fair_id, width, depth };
            sender.run(vec![cmd.into()], String::new(), || {});
        })
    };
    html! {
        <form class="tool-box" {onsubmit} novalidate=true>
            <h2>{ PT::Hall.get(lang) }</h2>
            <div class="row tight">
                <Field id="hall-width" label={PT::HallWidth.get(lang)}>
                    <input id="hall-width" type="number" min="1" inputmode="numeric" placeholder={p.width.to_string()}
                        value={(*w).clone()} oninput={set_text(&w)} />
                </Field>
                <Field id="hall-depth" label={PT::HallDepth.get(lang)}>
                    <input id="hall-depth" type="number" min="1" inputmode="numeric" placeholder={p.depth.to_string()}
                        value={(*d).clone()} oninput={set_text(&d)} />
                </Field>
            </div>
            if let Some(pr) = &*problem { <p class="field-error" role="alert" data-field="hall">{ pr.text.clone() }</p> }
            <button type="submit" class="secondary" id="set-hall">{ PT::SetHall.get(lang) }</button>
        </form>
    }
}

#[derive(Properties, PartialEq)]
pub struct ZoneProps {
    pub fair_id: FairId,
    pub zones: Vec<Zone>,
    pub on_live: Callback<String>,
    /// A zone was added: it becomes the tool's zone.
    pub on_added: Callback<ZoneId>,
}

/// The plan's zones: list, add, remove (a zone with booths cannot be removed).
#[component]
pub fn ZoneTools(p: &ZoneProps) -> Html {
    let prefs = use_prefs();
    let lang = prefs.lang;
    let sender = use_sender(&p.on_live);
    let (name, problem) = (use_state(String::new), sender.problem_handle());
    let onsubmit = {
        let (name, on_added) = (name.clone(), p.on_added.clone());
        let (sender, fair_id) = (sender.clone(), p.fair_id);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let zone_id = ZoneId(uuid::Uuid::new_v4());
            let cmd = FloorPlanCommand::AddZone { fair_id, zone_id, name: (*name).clone() };
            let (name, on_added) = (name.clone(), on_added.clone());
            sender.run(vec![cmd.into()], String::new(), move || {
                name.set(String::new());
                on_added.emit(zone_id);
            });
        })
    };
    let remove = |zone_id: ZoneId| {
        let (sender, fair_id) = (sender.clone(), p.fair_id);
        Callback::from(move |_: MouseEvent| {
            let cmd = FloorPlanCommand::RemoveZone { fair_id, zone_id };
            sender.run(vec![cmd.into()], String::new(), || {});
        })
    };
    html! {
        <form class="tool-box" {onsubmit} novalidate=true>
            <h2>{ PT::Zones.get(lang) }</h2>
            if p.zones.is_empty() { <p class="hint">{ PT::NoZones.get(lang) }</p> }
            <ul class="zone-list">
                { for p.zones.iter().map(|z| html! {
                    <li key={z.id.to_string()}>{ z.name.clone() }
                        <button type="button" class="link" onclick={remove(z.id)}
                            aria-label={format!("{} {}", PT::RemoveZone.get(lang), z.name)}>{ PT::RemoveZone.get(lang) }</button>
                    </li>
                }) }
            </ul>
            <Field id="zone-name" label={PT::ZoneName.get(lang)} error={Problem::at(&problem, "zone_name")}>
                <input id="zone-name" type="text" value={(*name).clone()} oninput={set_text(&name)} />
            </Field>
            if let Some(m) = Problem::other(&problem, &["zone_name"]) { <p class="field-error" role="alert">{ m }</p> }
            <button type="submit" class="secondary" id="add-zone">{ PT::AddZone.get(lang) }</button>
        </form>
    }
}

#[derive(Properties, PartialEq)]
pub struct ToolBoxProps {
    pub tool: BoothTool,
    pub zones: Vec<Zone>,
    /// The prefix as typed (empty: the tool's own choice).
    pub prefix: String,
    pub on_zone: Callback<String>,
    pub on_prefix: Callback<String>,
    pub on_size: Callback<String>,
}

/// Zone, code prefix and size of the booths a click on the plan (or a form) adds.
#[component]
pub fn BoothToolBox(p: &ToolBoxProps) -> Html {
    let lang = crate::session::use_lang();
    let pass = |cb: &Callback<String>| {
        let cb = cb.clone();
        Callback::from(move |e: Event| cb.emit(input_value(&e)))
    };
    let on_prefix = {
        let cb = p.on_prefix.clone();
        Callback::from(move |e: InputEvent| cb.emit(input_value(&e)))
    };
    let (w, h) = p.tool.size;
    html! {
        <div class="tool-box">
            <h2>{ PT::NewBooths.get(lang) }</h2>
            <div class="row tight">
                <Field id="tool-zone" label={PT::BoothZone.get(lang)}>
                    <select id="tool-zone" onchange={pass(&p.on_zone)}>
                        { for p.zones.iter().map(|z| html! {
                            <option value={z.id.to_string()} selected={p.tool.zone == z.id}>{ z.name.clone() }</option>
                        }) }
                    </select>
                </Field>
                <Field id="tool-prefix" label={PT::CodePrefix.get(lang)}>
                    <input id="tool-prefix" type="text" maxlength="6" placeholder={p.tool.prefix.clone()} value={p.prefix.clone()} oninput={on_prefix} />
                </Field>
                <Field id="tool-size" label={PT::BoothSize.get(lang)}>
                    <select id="tool-size" onchange={pass(&p.on_size)}>
                        { for SIZES.iter().map(|(sw, sh)| html! {
                            <option value={format!("{sw}x{sh}")} selected={(*sw, *sh) == p.tool.size}>{ format!("{sw} × {sh} m") }</option>
                        }) }
                    </select>
                </Field>
            </div>
            <p class="hint" id="plan-help">
                { fill(PT::ClickToAdd.get(lang), &[("code", p.tool.next_code.clone()), ("w", w.to_string()), ("h", h.to_string())]) }
                { " " }{ PT::KeyboardHelp.get(lang) }
            </p>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct AddProps {
    pub fair_id: FairId,
    pub tool: BoothTool,
    pub on_live: Callback<String>,
    /// The booth added (it becomes the selection).
    #[prop_or_default]
    pub on_added: Callback<Option<BoothId>>,
}

/// Add one booth at a position typed in (the keyboard's way to add a booth).
#[component]
pub fn AddBoothForm(p: &AddProps) -> Html {
    let prefs = use_prefs();
    let lang = prefs.lang;
    let sender = use_sender(&p.on_live);
    let code = use_state(String::new);
    let x = use_state(|| "0".to_string());
    let y = use_state(|| "0".to_string());
    let problem = sender.problem_handle();
    let onsubmit = {
        let (code, x, y, problem) = (code.clone(), x.clone(), y.clone(), problem.clone());
        let (tool, fair_id, on_added) = (p.tool.clone(), p.fair_id, p.on_added.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (Some(px), Some(py)) = (num(&x), num(&y)) else {
                problem.set(Some(Problem { field: Some("position"), text: PT::NotANumber.get(lang).into() }));
                return;
            };
            let c = if code.trim().is_empty() { tool.next_code.clone() } else { (*code).clone() };
            let booth = tool.new_booth(c.clone(), px, py);
            let id = booth.booth_id;
            let ok = fill(PT::Added.get(lang), &[("code", c.trim().to_uppercase())]);
            let (code, on_added) = (code.clone(), on_added.clone());
            let cmd = FloorPlanCommand::AddBooth { fair_id, booth };
            sender.run(vec![cmd.into()], ok, move || {
                code.set(String::new());
                on_added.emit(Some(id));
            });
        })
    };
    html! {
        <form class="tool-box" {onsubmit} novalidate=true>
            <h2>{ PT::AddByForm.get(lang) }</h2>
            <div class="row tight">
                <Field id="booth-code" label={PT::Code.get(lang)} error={Problem::at(&problem, "code")}>
                    <input id="booth-code" type="text" maxlength="12" placeholder={p.tool.next_code.clone()} value={(*code).clone()} oninput={set_text(&code)} />
                </Field>
                <Field id="booth-x" label={PT::PosX.get(lang)}>
                    <input id="booth-x" type="number" min="0" inputmode="numeric" value={(*x).clone()} oninput={set_text(&x)} />
                </Field>
                <Field id="booth-y" label={PT::PosY.get(lang)}>
                    <input id="booth-y" type="number" min="0" inputmode="numeric" value={(*y).clone()} oninput={set_text(&y)} />
                </Field>
            </div>
            if let Some(m) = Problem::other(&problem, &["code"]) { <p class="field-error" role="alert" data-field="booth-position">{ m }</p> }
            <button type="submit" class="secondary" id="add-booth">{ PT::AddBooth.get(lang) }</button>
        </form>
    }
}

/// Add a row of booths side by side, numbered on from the next code; all or nothing.
#[component]
pub fn AddRowForm(p: &AddProps) -> Html {
    const MAX_ROW: u16 = 200;
    let prefs = use_prefs();
    let lang = prefs.lang;
    let sender = use_sender(&p.on_live);
    let count = use_state(|| "10".to_string());
    let x = use_state(|| "1".to_string());
    let y = use_state(|| "1".to_string());
    let problem = sender.problem_handle();
    let onsubmit = {
        let (count, x, y, problem) = (count.clone(), x.clone(), y.clone(), problem.clone());
        let (tool, fair_id) = (p.tool.clone(), p.fair_id);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (Some(n), Some(px), Some(py)) = (num(&count), num(&x), num(&y)) else {
                problem.set(Some(Problem { field: Some("position"), text: PT::NotANumber.get(lang).into() }));
                return;
            };
            if !(1..=MAX_ROW).contains(&n) {
                let text = fill(PT::RowCountRange.get(lang), &[("max", MAX_ROW.to_string())]);
                problem.set(Some(Problem { field: Some("row-count"), text }));
                return;
            }
            let first: u32 = tool.next_code.trim_start_matches(tool.prefix.as_str()).parse().unwrap_or(1);
            let bw = tool.size.0;
            let booths = (0..n)
                .map(|i| {
                    let code = format!("{}{:02}", tool.prefix, first + i as u32);
                    tool.new_booth(code, px.saturating_add(i.saturating_mul(bw)), py)
                })
                .collect();
            let ok = fill(PT::AddedRow.get(lang), &[("n", n.to_string())]);
            let cmd = FloorPlanCommand::AddBooths { fair_id, booths };
            sender.run(vec![cmd.into()], ok, || {});
        })
    };
    html! {
        <form class="tool-box" {onsubmit} novalidate=true>
            <h2>{ PT::AddRow.get(lang) }</h2>
            <div class="row tight">
                <Field id="row-count" label={PT::RowCount.get(lang)}>
                    <input id="row-count" type="number" min="1" max="200" inputmode="numeric" value={(*count).clone()} oninput={set_text(&count)} />
                </Field>
                <Field id="row-x" label={PT::PosX.get(lang)}>
                    <input id="row-x" type="number" min="0" inputmode="numeric" value={(*x).clone()} oninput={set_text(&x)} />
                </Field>
                <Field id="row-y" label={PT::PosY.get(lang)}>
                    <input id="row-y" type="number" min="0" inputmode="numeric" value={(*y).clone()} oninput={set_text(&y)} />
                </Field>
            </div>
            if let Some(pr) = &*problem { <p class="field-error" role="alert" data-field="row">{ pr.text.clone() }</p> }
            <button type="submit" class="secondary" id="add-row">{ PT::AddRowButton.get(lang) }</button>
        </form>
    }
}

#[derive(Properties, PartialEq)]
pub struct VirtualProps {
    pub fair_id: FairId,
    pub total: u32,
    pub taken: u32,
    pub can_edit: bool,
    pub on_live: Callback<String>,
}

/// Online and hybrid fairs: how many virtual booths (no layout), and how many are taken.
#[component]
pub fn VirtualBooths(p: &VirtualProps) -> Html {
    let prefs = use_prefs();
    let lang = prefs.lang;
    let sender = use_sender(&p.on_live);
    let count = use_state(String::new);
    let problem = sender.problem_handle();
    let onsubmit = {
        let (count, problem, fair_id) = (count.clone(), problem.clone(), p.fair_id);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Ok(n) = count.trim().parse::<u32>() else {
                problem.set(Some(Problem { field: Some("virtual"), text: PT::NotANumber.get(lang).into() }));
                return;
            };
            let cmd = FloorPlanCommand::SetVirtualBooths { fair_id, count: n };
            sender.run(vec![cmd.into()], String::new(), || {});
        })
    };
    html! {
        <form class="tool-box virtual-box no-print" {onsubmit} novalidate=true>
            <h2>{ PT::Virtual.get(lang) }</h2>
            <p id="virtual-summary">{ fill(OT::VirtualSummary.get(lang), &[("taken", p.taken.to_string()), ("total", p.total.to_string())]) }</p>
            if p.can_edit {
                <Field id="virtual-count" label={PT::VirtualCount.get(lang)} error={problem.as_ref().map(|pr| pr.text.clone())}>
                    <input id="virtual-count" type="number" min="0" inputmode="numeric" placeholder={p.total.to_string()}
                        value={(*count).clone()} oninput={set_text(&count)} />
                </Field>
                <button type="submit" class="secondary" id="set-virtual">{ PT::SetVirtual.get(lang) }</button>
            }
        </form>
    }
}
