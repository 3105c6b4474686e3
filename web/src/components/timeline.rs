//! The livestream timeline: one lane per channel (or host), days side by side, sessions as
//! blocks. Drag a block to move it (also across days), drag its right edge to change its length;
//! the keyboard does the same (←/→ 15 minutes, ↑/↓ a day, Shift+←/→ length, Enter, Esc).
//! While a block moves, the conflicts at its position are shown in words below the lanes.
//!
//! Drawn in SVG with x/y/width/height attributes (the CSP forbids inline styles). Only the lanes
//! in view are rendered (the container's scroll position picks them), so 50 channels × 7 days
//! stay light.
use std::rc::Rc;

use chrono::{DateTime, Duration, NaiveTime, Timelike, Utc};
use fairlog_domain::ids::SessionId;
use fairlog_domain::livestream::{Severity, MAX_SESSION_MINUTES, MIN_SESSION_MINUTES};
use fairlog_domain::time::{from_local, to_local};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::i18n::Lang;
use crate::live_text::{severity, span, LT};

pub const LANE_H: f64 = 44.0;
pub const LABEL_W: f64 = 210.0;
pub const RULER_H: f64 = 40.0;
/// Hours shown of each day (sessions outside are drawn at the edge).
pub const DAY_FROM_H: u32 = 8;
pub const DAY_TO_H: u32 = 22;
pub const SNAP_MINUTES: i64 = 15;
const OVERSCAN: usize = 4;
/// Narrower blocks (under 40 minutes in the week view) have no resize handle: resize them with
/// Shift+←/→ or in the day view.
const MIN_RESIZE_W: f64 = 12.0;

#[derive(Clone, Debug, PartialEq)]
pub struct TimelineItem {
    pub id: SessionId,
    pub start: DateTime<Utc>,
    pub minutes: u32,
    pub title: String,
    /// Status key (`draft`, `scheduled`, …), used as a class.
    pub status: &'static str,
    pub status_text: &'static str,
    pub movable: bool,
    /// Has conflicts where it stands.
    pub flagged: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TimelineLane {
    pub key: String,
    pub label: String,
    pub sub: String,
    pub items: Vec<TimelineItem>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TimelineModel {
    pub lanes: Vec<TimelineLane>,
    /// Local midnight of the first day shown.
    pub from: DateTime<Utc>,
    pub days: u32,
}

impl TimelineModel {
    pub fn to(&self) -> DateTime<Utc> {
        self.from + Duration::days(self.days as i64)
    }
    pub fn px_per_hour(&self) -> f64 {
        if self.days <= 1 {
            64.0
        } else {
            18.0
        }
    }
    pub fn day_w(&self) -> f64 {
        (DAY_TO_H - DAY_FROM_H) as f64 * self.px_per_hour()
    }
    pub fn width(&self) -> f64 {
        self.day_w() * self.days as f64
    }
    /// x of an instant (clamped to the shown hours of its day).
    pub fn x(&self, t: DateTime<Utc>) -> f64 {
        let first = to_local(self.from).date();
        let local = to_local(t);
        let d = (local.date() - first).num_days() as f64;
        let h = local.hour() as f64 + local.minute() as f64 / 60.0;
        let h = h.clamp(DAY_FROM_H as f64, DAY_TO_H as f64) - DAY_FROM_H as f64;
        (d * self.day_w() + h * self.px_per_hour()).clamp(0.0, self.width())
    }
    /// The instant at x, snapped to [`SNAP_MINUTES`].
    pub fn time_at(&self, x: f64) -> DateTime<Utc> {
        let x = x.clamp(0.0, self.width() - 1.0);
        let d = (x / self.day_w()).floor();
        let minutes = ((x - d * self.day_w()) / self.px_per_hour() * 60.0) as i64;
        let minutes = (minutes + SNAP_MINUTES / 2) / SNAP_MINUTES * SNAP_MINUTES;
        let date = to_local(self.from).date() + Duration::days(d as i64);
        from_local(date.and_time(NaiveTime::MIN)) + Duration::hours(DAY_FROM_H as i64) + Duration::minutes(minutes)
    }
}

/// Where a block is being moved to.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Proposal {
    pub id: SessionId,
    pub start: DateTime<Utc>,
    pub minutes: u32,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Mode {
    Move,
    Resize,
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct Preview {
    p: Proposal,
    orig: Proposal,
    mode: Mode,
    /// Pointer drags remember where they started; keyboard moves have none.
    origin_x: Option<f64>,
}

#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    pub model: Rc<TimelineModel>,
    pub lang: Lang,
    /// Conflicts (severity, words) if a session stood at this proposal.
    pub check: Callback<Proposal, Vec<(Severity, String)>>,
    /// A move or resize was let go (or confirmed with Enter).
    pub on_move: Callback<Proposal>,
    /// Opens a session (click, or Space on a focused block).
    #[prop_or_default]
    pub on_open: Callback<SessionId>,
    /// Bumped by the owner to re-render on purpose (measurements).
    #[prop_or_default]
    pub revision: u64,
}

/// Rows and columns in view of the scroll container, rounded so that small scrolls re-render nothing.
fn view_of(el: &web_sys::Element) -> (usize, usize, i32, i32) {
    let first = ((el.scroll_top() as f64 - RULER_H).max(0.0) / LANE_H) as usize;
    let rows = (el.client_height() as f64 / LANE_H).ceil() as usize + 1;
    (first, rows.max(1), el.scroll_left() / 100 * 100, (el.client_width() / 100 + 1) * 100)
}

fn clamp_minutes(m: i64) -> u32 {
    m.clamp(MIN_SESSION_MINUTES as i64, MAX_SESSION_MINUTES as i64) as u32
}

#[component]
pub fn Timeline(props: &TimelineProps) -> Html {
    let model = &props.model;
    let lang = props.lang;
    let scroll = use_node_ref();
    // What is in view: (first row, rows, left x, width), in whole rows and 100 px steps.
    let window = use_state(|| (0usize, 16usize, 0i32, 1000i32));
    let preview = use_state(|| None::<Preview>);

    let onscroll = {
        let scroll = scroll.clone();
        let window = window.clone();
        Callback::from(move |_: Event| {
            let Some(el) = scroll.cast::<web_sys::Element>() else { return };
            let next = view_of(&el);
            if *window != next {
                window.set(next);
            }
        })
    };
    {
        // Measure the real height once mounted.
        let scroll = scroll.clone();
        let window = window.clone();
        use_effect_with((), move |_| {
            if let Some(el) = scroll.cast::<web_sys::Element>() {
                window.set(view_of(&el));
            }
        });
    }

    {
        // Bring today into view when the period changes (the week is wider than the screen).
        let scroll = scroll.clone();
        let model = Rc::clone(model);
        use_effect_with((model.from, model.days), move |_| {
            if let Some(el) = scroll.cast::<web_sys::Element>() {
                let now = crate::store::now();
                let x = if model.days > 1 && now > model.from && now < model.to() { model.x(now) - 60.0 } else { 0.0 };
                el.set_scroll_left(x.max(0.0) as i32);
            }
        });
    }

    let (first, rows, left, view_w) = *window;
    // Blocks outside [x_lo, x_hi) are not rendered (horizontal windowing, one screen of margin).
    let x_lo = (left as f64 - LABEL_W - view_w as f64 / 2.0).max(0.0);
    let x_hi = left as f64 + view_w as f64 * 1.5;
    let lo = first.saturating_sub(OVERSCAN);
    let hi = (first + rows + OVERSCAN).min(model.lanes.len());
    let width = model.width();
    let height = model.lanes.len() as f64 * LANE_H;
    let pph = model.px_per_hour();

    let start_drag = |item: &TimelineItem, mode: Mode| {
        let preview = preview.clone();
        let orig = Proposal { id: item.id, start: item.start, minutes: item.minutes };
        Callback::from(move |e: PointerEvent| {
            if e.button() != 0 {
                return;
            }
            e.prevent_default();
            e.stop_propagation();
            if let Some(t) = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                let _ = t.set_pointer_capture(e.pointer_id());
            }
            preview.set(Some(Preview { p: orig, orig, mode, origin_x: Some(e.client_x() as f64) }));
        })
    };
    let on_pointer_move = {
        let preview = preview.clone();
        let model = Rc::clone(model);
        Callback::from(move |e: PointerEvent| {
            let Some(pv) = *preview else { return };
            let Some(ox) = pv.origin_x else { return };
            let dx = e.client_x() as f64 - ox;
            let p = match pv.mode {
                Mode::Move => Proposal { start: model.time_at(model.x(pv.orig.start) + dx), ..pv.orig },
                Mode::Resize => {
                    let end = pv.orig.start + Duration::minutes(pv.orig.minutes as i64);
                    let new_end = model.time_at(model.x(end) + dx);
                    Proposal { minutes: clamp_minutes((new_end - pv.orig.start).num_minutes()), ..pv.orig }
                }
            };
            if p != pv.p {
                preview.set(Some(Preview { p, ..pv }));
            }
        })
    };
    let on_pointer_up = {
        let preview = preview.clone();
        let on_move = props.on_move.clone();
        let on_open = props.on_open.clone();
        Callback::from(move |_: PointerEvent| {
            let Some(pv) = *preview else { return };
            if pv.origin_x.is_none() {
                return;
            }
            preview.set(None);
            if pv.p != pv.orig {
                on_move.emit(pv.p);
            } else if pv.mode == Mode::Move {
                on_open.emit(pv.p.id);
            }
        })
    };
    let on_key = |item: &TimelineItem| {
        let preview = preview.clone();
        let on_move = props.on_move.clone();
        let on_open = props.on_open.clone();
        let orig = Proposal { id: item.id, start: item.start, minutes: item.minutes };
        let movable = item.movable;
        Callback::from(move |e: KeyboardEvent| {
            let current = (*preview).filter(|pv| pv.orig.id == orig.id && pv.origin_x.is_none());
            let base = current.map(|pv| pv.p).unwrap_or(orig);
            let step = Duration::minutes(SNAP_MINUTES);
            let next = match (e.key().as_str(), e.shift_key()) {
                ("ArrowLeft", false) => Some(Proposal { start: base.start - step, ..base }),
                ("ArrowRight", false) => Some(Proposal { start: base.start + step, ..base }),
                ("ArrowUp", _) => Some(Proposal { start: base.start - Duration::days(1), ..base }),
                ("ArrowDown", _) => Some(Proposal { start: base.start + Duration::days(1), ..base }),
                ("ArrowLeft", true) => {
                    Some(Proposal { minutes: clamp_minutes(base.minutes as i64 - SNAP_MINUTES), ..base })
                }
                ("ArrowRight", true) => {
                    Some(Proposal { minutes: clamp_minutes(base.minutes as i64 + SNAP_MINUTES), ..base })
                }
                ("Enter", _) => {
                    e.prevent_default();
                    match current {
                        Some(pv) if pv.p != pv.orig => {
                            preview.set(None);
                            on_move.emit(pv.p);
                        }
                        _ => on_open.emit(orig.id),
                    }
                    return;
                }
                ("Escape", _) => {
                    preview.set(None);
                    return;
                }
                _ => None,
            };
            if let Some(p) = next {
                e.prevent_default();
                if movable {
                    let mode = if e.shift_key() { Mode::Resize } else { Mode::Move };
                    preview.set(Some(Preview { p, orig, mode, origin_x: None }));
                }
            }
        })
    };

    // Grid lines: days, and hours (every 3 in the week view).
    let hour_step = if model.days <= 1 { 1 } else { 3 };
    let mut grid: Vec<Html> = Vec::new();
    let mut ruler: Vec<Html> = Vec::new();
    for d in 0..model.days {
        let x0 = d as f64 * model.day_w();
        let date = to_local(model.from).date() + Duration::days(d as i64);
        grid.push(html! { <line class="tl-day-line" x1={x0.to_string()} x2={x0.to_string()} y1="0" y2={height.to_string()} /> });
        let weekday =
            ["一", "二", "三", "四", "五", "六", "日"][date.format("%u").to_string().parse::<usize>().unwrap_or(1) - 1];
        let day_label = match lang {
            Lang::Zh => format!("{} 周{}", date.format("%m-%d"), weekday),
            Lang::En => date.format("%a %m-%d").to_string(),
        };
        ruler.push(html! { <text class="tl-day-label" x={(x0 + 4.0).to_string()} y="15">{ day_label }</text> });
        for h in (DAY_FROM_H..DAY_TO_H).step_by(hour_step) {
            let x = x0 + (h - DAY_FROM_H) as f64 * pph;
            if h != DAY_FROM_H {
                grid.push(html! { <line class="tl-hour-line" x1={x.to_string()} x2={x.to_string()} y1="0" y2={height.to_string()} /> });
            }
            ruler.push(
                html! { <text class="tl-hour-label" x={(x + 2.0).to_string()} y="33">{ format!("{h:02}") }</text> },
            );
        }
    }

    let active = *preview;
    let lanes_html = model.lanes[lo..hi].iter().enumerate().map(|(i, lane)| {
        let row = lo + i;
        let y = row as f64 * LANE_H;
        let items = lane.items.iter().filter_map(|item| {
            let moving = active.filter(|pv| pv.orig.id == item.id);
            let (start, minutes) = moving.map(|pv| (pv.p.start, pv.p.minutes)).unwrap_or((item.start, item.minutes));
            let end = start + Duration::minutes(minutes as i64);
            let x = model.x(start);
            let w = (model.x(end) - x).max(4.0);
            if (x + w < x_lo || x > x_hi) && moving.is_none() {
                return None;
            }
            let max_chars = ((w - 8.0) / 12.0).floor().max(0.0) as usize;
            let shown: String = if item.title.chars().count() > max_chars {
                item.title.chars().take(max_chars.saturating_sub(1)).chain(std::iter::once('…')).collect()
            } else {
                item.title.clone()
            };
            let label = format!("{}，{}，{}", item.title, span(start, end), item.status_text);
            let class = classes!(
                "tl-item",
                item.status,
                item.flagged.then_some("flagged"),
                moving.is_some().then_some("moving"),
                item.movable.then_some("movable")
            );
            let local = to_local(start).format("%Y-%m-%dT%H:%M").to_string();
            Some(html! {
                <g key={item.id.to_string()} class={class} tabindex="0" role="button" aria-label={label.clone()}
                    data-id={item.id.to_string()} data-start={local} data-minutes={minutes.to_string()}
                    onkeydown={on_key(item)} onclick={(!item.movable).then(|| {
                        let (open, id) = (props.on_open.clone(), item.id);
                        Callback::from(move |_: MouseEvent| open.emit(id))
                    })}>
                    <title>{ label }</title>
                    <rect class="tl-block" x={x.to_string()} y={(y + 5.0).to_string()} width={w.to_string()} height={(LANE_H - 10.0).to_string()} rx="4"
                        onpointerdown={item.movable.then(|| start_drag(item, Mode::Move))} />
                    if w > 30.0 {
                        <text class="tl-text" x={(x + 4.0).to_string()} y={(y + 26.0).to_string()}>{ shown }</text>
                    }
                    if item.movable && w >= MIN_RESIZE_W {
                        <rect class="tl-resize" x={(x + w - 4.0).to_string()} y={(y + 5.0).to_string()} width="8" height={(LANE_H - 10.0).to_string()}
                            onpointerdown={start_drag(item, Mode::Resize)} />
                    }
                </g>
            })
        });
        html! { <g key={lane.key.clone()} class="tl-lane">{ for items }</g> }
    });
    let lane_bgs = (lo..hi).map(|row| html! {
        <rect key={row} class={classes!("tl-lane-bg", (row % 2 == 1).then_some("odd"))} x="0" y={(row as f64 * LANE_H).to_string()}
            width={width.to_string()} height={LANE_H.to_string()} />
    });
    let labels_html = model.lanes[lo..hi].iter().enumerate().map(|(i, lane)| {
        let y = (lo + i) as f64 * LANE_H;
        html! {
            <g key={lane.key.clone()}>
                <rect class={classes!("tl-lane-bg", ((lo + i) % 2 == 1).then_some("odd"))} x="0" y={y.to_string()} width={LABEL_W.to_string()} height={LANE_H.to_string()} />
                <text class="tl-lane-label" x="8" y={(y + 19.0).to_string()}>{ lane.label.clone() }</text>
                <text class="tl-lane-sub" x="8" y={(y + 35.0).to_string()}>{ lane.sub.clone() }</text>
            </g>
        }
    });

    let live = active.map(|pv| {
        let found = props.check.emit(pv.p);
        let end = pv.p.start + Duration::minutes(pv.p.minutes as i64);
        html! {
            <div class="tl-live-box">
                <strong>{ format!("{}{}{}", LT::LiveConflicts.get(lang), crate::i18n::colon(lang), span(pv.p.start, end)) }</strong>
                if found.is_empty() {
                    <p class="ok-text">{ LT::NoConflictHere.get(lang) }</p>
                } else {
                    <ul class="conflicts">
                        { for found.into_iter().map(|(s, text)| html! {
                            <li class={classes!("conflict", if s == Severity::Hard { "hard" } else { "soft" })}>
                                <span class="sev">{ severity(lang, s) }</span>{ " " }{ text }
                            </li>
                        }) }
                    </ul>
                }
            </div>
        }
    });

    html! {
        <div class="timeline">
            <p class="hint" id="timeline-help">{ LT::TimelineHelp.get(lang) }</p>
            <div class="timeline-scroll" ref={scroll} {onscroll}>
                <div class="tl-grid">
                    <div class="tl-corner"></div>
                    <div class="tl-ruler-wrap">
                        <svg class="tl-ruler" width={width.to_string()} height={RULER_H.to_string()} aria-hidden="true">{ for ruler }</svg>
                    </div>
                    <div class="tl-labels-wrap">
                        <svg class="tl-labels" width={LABEL_W.to_string()} height={height.to_string()} aria-hidden="true">{ for labels_html }</svg>
                    </div>
                    <svg class="tl-lanes" width={width.to_string()} height={height.to_string()} role="group"
                        aria-label={LT::TimelineLabel.get(lang)} aria-describedby="timeline-help"
                        onpointermove={on_pointer_move} onpointerup={on_pointer_up.clone()} onpointercancel={{
                            let preview = preview.clone();
                            Callback::from(move |_: PointerEvent| preview.set(None))
                        }}>
                        <g class="tl-bgs">{ for lane_bgs }</g>
                        <g class="tl-grid-lines">{ for grid }</g>
                        <g class="tl-items">{ for lanes_html }</g>
                    </svg>
                </div>
            </div>
            <div class="tl-live" aria-live="polite" id="live-conflicts">{ for live }</div>
        </div>
    }
}
