//! Choosing a booth: every zone with its booths as radio buttons (free ones selectable, the others
//! shown with their state), "any free booth in this zone", and the fair's virtual booths. One
//! radio group, so arrow keys move between choices; a small drawing of the hall beside it shows
//! the same states by colour (it is decorative: the list says everything).
use fairlog_domain::booking::{BoothState, BoothTarget};
use fairlog_domain::enterprise_views::{booths_by_zone, virtual_booths, ZoneBooths};
use fairlog_domain::ids::{EnterpriseId, FairId};
use yew::prelude::*;

use crate::enterprise_texts::{booth_state, ET};
use crate::i18n::fill;
use crate::session::use_prefs;
use crate::store::use_app;

#[derive(Properties, PartialEq)]
pub struct BoothPickerProps {
    pub fair_id: FairId,
    /// Booths of this enterprise are marked "yours".
    #[prop_or_default]
    pub enterprise: Option<EnterpriseId>,
    pub selected: Option<BoothTarget>,
    pub on_select: Callback<BoothTarget>,
    /// Disable every choice (requests closed, read-only store).
    #[prop_or_default]
    pub disabled: bool,
}

#[component]
pub fn BoothPicker(props: &BoothPickerProps) -> Html {
    let app = use_app();
    let lang = use_prefs().lang;
    let view = app.view();
    let state: &fairlog_domain::State = &view;
    let zones = booths_by_zone(state, props.fair_id);
    let virt = virtual_booths(state, props.fair_id);
    if zones.is_empty() && virt.is_none() {
        return html! { <p class="empty" id="no-floor-plan">{ ET::NoFloorPlan.get(lang) }</p> };
    }
    let choose = |target: BoothTarget| {
        let cb = props.on_select.clone();
        Callback::from(move |_: Event| cb.emit(target))
    };
    let mine = |b: &fairlog_domain::floor_plan::Booth| {
        props.enterprise.is_some_and(|e| {
            state.booth_taken.get(&b.id).and_then(|id| state.bookings.get(id)).is_some_and(|bk| bk.enterprise_id == e)
        })
    };
    html! {
        <div class="booth-picker">
            <fieldset class="booth-choices" disabled={props.disabled}>
                <legend>{ ET::ChooseBooth.get(lang) }</legend>
                { for zones.iter().map(|z| {
                    let any = BoothTarget::AnyInZone { zone_id: z.zone.id };
                    let any_id = format!("zone-any-{}", z.zone.id);
                    html! {
                        <div class="zone" key={z.zone.id.to_string()} role="group" aria-labelledby={format!("zone-{}", z.zone.id)}>
                            <h3 id={format!("zone-{}", z.zone.id)}>
                                { z.zone.name.clone() }
                                <span class="muted">{ " · " }{ fill(ET::ZoneFree.get(lang), &[("n", z.free.to_string())]) }</span>
                            </h3>
                            <div class="choice any">
                                <input type="radio" name="booth" id={any_id.clone()} value={any_id.clone()}
                                    checked={props.selected == Some(any)} disabled={z.free == 0} onchange={choose(any)} />
                                <label for={any_id}>{ ET::AnyInZone.get(lang) }</label>
                            </div>
                            <ul class="booth-grid">
                                { for z.booths.iter().map(|(b, s)| {
                                    let target = BoothTarget::Booth { booth_id: b.id };
                                    let id = format!("booth-{}", b.code);
                                    let yours = mine(b);
                                    html! {
                                        <li key={b.id.to_string()} class={classes!("booth", s.key(), yours.then_some("yours"))}>
                                            <input type="radio" name="booth" id={id.clone()} value={b.code.clone()}
                                                checked={props.selected == Some(target)} disabled={*s != BoothState::Free}
                                                onchange={choose(target)} />
                                            <label for={id} data-state={s.key()}>
                                                <span class="code">{ b.code.clone() }</span>
                                                <span class="state">{ booth_state(lang, *s) }{ if yours { ET::Yours.get(lang) } else { "" } }</span>
                                            </label>
                                        </li>
                                    }
                                }) }
                            </ul>
                        </div>
                    }
                }) }
                if let Some((free, total)) = virt {
                    <div class="zone virtual">
                        <h3>{ ET::VirtualBooth.get(lang) }</h3>
                        <div class="choice any">
                            <input type="radio" name="booth" id="booth-virtual" value="virtual"
                                checked={props.selected == Some(BoothTarget::Virtual)} disabled={free == 0}
                                onchange={choose(BoothTarget::Virtual)} />
                            <label for="booth-virtual">{ fill(ET::VirtualFree.get(lang), &[("free", free.to_string()), ("total", total.to_string())]) }</label>
                        </div>
                    </div>
                }
            </fieldset>
            if !zones.is_empty() {
                <HallDrawing fair_id={props.fair_id} />
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct HallProps {
    fair_id: FairId,
}

/// The hall to scale, booths coloured by state (free, requested, held, booked, blocked).
#[component]
fn HallDrawing(props: &HallProps) -> Html {
    let app = use_app();
    let lang = use_prefs().lang;
    let view = app.view();
    let state: &fairlog_domain::State = &view;
    let Some(plan) = state.floor_plans.get(&props.fair_id) else { return html! {} };
    let zones: Vec<ZoneBooths<'_>> = booths_by_zone(state, props.fair_id);
    let (w, d) = (plan.width.max(1), plan.depth.max(1));
    html! {
        <figure class="hall">
            <svg viewBox={format!("0 0 {w} {d}")} role="img" aria-label={ET::FloorPlan.get(lang)} preserveAspectRatio="xMidYMid meet">
                <rect x="0" y="0" width={w.to_string()} height={d.to_string()} class="hall-floor" />
                { for zones.iter().flat_map(|z| z.booths.iter()).map(|(b, s)| {
                    let r = b.rect;
                    html! {
                        <g key={b.id.to_string()} class={classes!("hall-booth", s.key())}>
                            <rect x={r.x.to_string()} y={r.y.to_string()} width={r.w.to_string()} height={r.h.to_string()} rx="0.2" />
                            <text x={(r.x as f32 + r.w as f32 / 2.0).to_string()} y={(r.y as f32 + r.h as f32 / 2.0 + 0.35).to_string()}
                                text-anchor="middle" font-size="0.9">{ b.code.clone() }</text>
                        </g>
                    }
                }) }
            </svg>
            <figcaption class="legend">
                { for [BoothState::Free, BoothState::Requested, BoothState::Held, BoothState::Booked, BoothState::Blocked].iter().map(|s| html! {
                    <span class={classes!("key", s.key())}>{ booth_state(lang, *s) }</span>
                }) }
            </figcaption>
        </figure>
    }
}
