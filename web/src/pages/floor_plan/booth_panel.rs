//! The selected booth: its details; for the organizer its amenities, blocking and removal; for
//! an enterprise (acting for one) a request for it when it is free.
use fairlog_domain::booking::{BookingCommand, BoothState, BoothTarget};
use fairlog_domain::floor_plan::FloorPlanCommand;
use fairlog_domain::ids::{BookingId, BoothId, EnterpriseId, FairId};
use fairlog_domain::views::BoothView;
use fairlog_domain::Intent;
use yew::prelude::*;

use super::{use_sender, PT};
use crate::components::{booth_state_text, Field};
use crate::i18n::fill;
use crate::organizer_ui::{key_category, set_text, Problem};
use crate::session::use_prefs;

#[derive(Properties, PartialEq)]
pub struct BoothPanelProps {
    pub fair_id: FairId,
    pub booth: BoothView,
    pub zone: String,
    pub can_edit: bool,
    /// The viewer acts for an enterprise and the fair takes requests.
    pub can_request: bool,
    pub on_live: Callback<String>,
    /// The booth was removed (the selection goes).
    pub on_removed: Callback<Option<BoothId>>,
}

#[component]
pub fn BoothPanel(p: &BoothPanelProps) -> Html {
    let prefs = use_prefs();
    let lang = prefs.lang;
    let sender = use_sender(&p.on_live);
    let reason = use_state(String::new);
    let problem = sender.problem_handle();
    let b = &p.booth;
    let send = {
        move |intent: Intent, ok: String, after: Box<dyn FnOnce()>| {
            sender.run(vec![intent], ok, after);
        }
    };
    let amenity = |which: &'static str| {
        let send = send.clone();
        let (id, a) = (b.id, b.amenities);
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<web_sys::HtmlInputElement>().checked();
            let mut a = a;
            match which {
                "power" => a.power = on,
                "table" => a.table = on,
                _ => a.screen = on,
            }
            send(FloorPlanCommand::SetAmenities { booth_id: id, amenities: a }.into(), String::new(), Box::new(|| {}));
        })
    };
    let block = {
        let (send, reason, id) = (send.clone(), reason.clone(), b.id);
        Callback::from(move |_: MouseEvent| {
            let cleared = reason.clone();
            let cmd = FloorPlanCommand::BlockBooth { booth_id: id, reason: (*reason).clone() };
            send(cmd.into(), String::new(), Box::new(move || cleared.set(String::new())));
        })
    };
    let unblock = {
        let (send, id) = (send.clone(), b.id);
        Callback::from(move |_: MouseEvent| {
            send(FloorPlanCommand::UnblockBooth { booth_id: id }.into(), String::new(), Box::new(|| {}))
        })
    };
    let remove = {
        let (send, id, code, on_removed) = (send.clone(), b.id, b.code.clone(), p.on_removed.clone());
        Callback::from(move |_: MouseEvent| {
            let on_removed = on_removed.clone();
            let ok = fill(PT::Removed.get(lang), &[("code", code.clone())]);
            send(FloorPlanCommand::RemoveBooth { booth_id: id }.into(), ok, Box::new(move || on_removed.emit(None)));
        })
    };
    let request = {
        let (send, id, code, fair_id, subject) = (send.clone(), b.id, b.code.clone(), p.fair_id, prefs.session.subject);
        Callback::from(move |_: MouseEvent| {
            let Some(ent) = subject else { return };
            let cmd = BookingCommand::RequestBooth {
                booking_id: BookingId(uuid::Uuid::new_v4()),
                fair_id,
                enterprise_id: EnterpriseId(ent),
                target: BoothTarget::Booth { booth_id: id },
            };
            send(cmd.into(), fill(PT::Requested.get(lang), &[("code", code.clone())]), Box::new(|| {}));
        })
    };
    html! {
        <section class="booth-panel" aria-labelledby="booth-panel-title">
            <h2 id="booth-panel-title">{ PT::Selected.get(lang) }{ " " }<span id="selected-code">{ b.code.clone() }</span></h2>
            <dl class="details compact">
                <dt>{ PT::BoothZone.get(lang) }</dt><dd>{ p.zone.clone() }</dd>
                <dt>{ PT::Size.get(lang) }</dt><dd>{ format!("{} × {} m", b.rect.w, b.rect.h) }</dd>
                <dt>{ PT::Position.get(lang) }</dt><dd id="selected-position">{ format!("({}, {})", b.rect.x, b.rect.y) }</dd>
                <dt>{ PT::State.get(lang) }</dt>
                <dd id="selected-state">{ booth_state_text(lang, b.state) }
                    if let Some(r) = &b.blocked { { format!("（{r}）") } }</dd>
                if let Some(e) = &b.enterprise {
                    <dt>{ PT::Enterprise.get(lang) }</dt>
                    <dd>{ e.clone() }
                        if let Some(k) = b.key { { " " }<span class="badge key">{ key_category(lang, k) }</span> }
                    </dd>
                }
            </dl>
            if let Some(m) = Problem::other(&problem, &["reason"]) { <p class="banner danger" role="alert" id="booth-error">{ m }</p> }
            if p.can_edit {
                <fieldset class="amenities">
                    <legend>{ PT::Amenities.get(lang) }</legend>
                    <label><input type="checkbox" checked={b.amenities.power} onchange={amenity("power")} />{ PT::Power.get(lang) }</label>
                    <label><input type="checkbox" checked={b.amenities.table} onchange={amenity("table")} />{ PT::Table.get(lang) }</label>
                    <label><input type="checkbox" checked={b.amenities.screen} onchange={amenity("screen")} />{ PT::Screen.get(lang) }</label>
                </fieldset>
                if b.state == BoothState::Blocked {
                    <div class="actions"><button type="button" class="secondary" onclick={unblock}>{ PT::Unblock.get(lang) }</button></div>
                } else {
                    <Field id="block-reason" label={PT::BlockReason.get(lang)} error={Problem::at(&problem, "reason")}>
                        <input id="block-reason" type="text" value={(*reason).clone()} oninput={set_text(&reason)} />
                    </Field>
                    <div class="actions">
                        <button type="button" class="secondary" onclick={block}>{ PT::Block.get(lang) }</button>
                        <button type="button" class="danger" id="remove-booth" onclick={remove}>{ PT::RemoveBooth.get(lang) }</button>
                    </div>
                }
            } else if p.can_request && b.state == BoothState::Free {
                if prefs.session.subject.is_some() {
                    <div class="actions"><button type="button" id="request-booth" onclick={request}>{ fill(PT::Request.get(lang), &[("code", b.code.clone())]) }</button></div>
                } else {
                    <p class="muted">{ PT::PickEnterprise.get(lang) }</p>
                }
            }
        </section>
    }
}
