//! The floor plan (展位图) as SVG, with the hall's metres as the viewBox: booths as rectangles
//! with their code, their state by colour *and* by text (and a pattern for blocked and held
//! booths), and the enterprise's name.
//!
//! Two modes:
//! * `View`: read-only; booths can be focused and selected (an enterprise picking a booth, the
//!   approval queue showing where a request is).
//! * `Edit`: the organizer's editor. Mouse: drag a booth to move it, drag the corner handle of the
//!   selected booth to resize it, click on an empty part of the hall to add a booth of the chosen
//!   size. Keyboard: booths are focusable; arrow keys move the focused booth by 1 m, Shift+arrows
//!   resize it, Delete removes it.
//!
//! The component decides nothing: it reports what the user asked for as a [`PlanEdit`]; the page
//! turns it into a domain command, and passes back `pending` (where the booth is going, until the
//! answer) and `refusal` (the domain's message, drawn next to the place it is about). A refused
//! move therefore snaps back by itself: the plan still holds the old position.
//!
//! Events are delegated to the `<svg>` (one handler for all booths, found by `data-booth`), and
//! the booths are drawn by a separate component whose props do not change while dragging, so a
//! plan of 1,000 booths stays quick.
use std::rc::Rc;

use fairlog_domain::booking::BoothState;
use fairlog_domain::floor_plan::Rect;
use fairlog_domain::ids::{BoothId, ZoneId};
use fairlog_domain::views::{BoothView, PlanView};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::i18n::{fill, Lang};

crate::texts! {
pub enum FpT {
    PlanLabel => "展位图（{w} × {d} 米）", "Floor plan ({w} × {d} m)";
    EdgeOfHall => "已到场馆边缘", "Already at the edge of the hall";
    ZoomIn => "放大", "Zoom in";
    ZoomOut => "缩小", "Zoom out";
    ZoomLevel => "缩放 {n}×", "Zoom {n}×";
    LabelsHidden => "展位太小，文字已隐藏：放大后可见，或选中展位查看详情。", "Booths are too small for their texts at this size: zoom in, or select a booth to see it.";
    Legend => "图例", "Legend";
    ResizeHandle => "拖动调整大小", "Drag to resize";
    NoHall => "尚未设置场馆尺寸。", "The hall has no size yet.";
}
}

pub fn booth_state_text(lang: Lang, s: BoothState) -> &'static str {
    crate::words::booth_state(lang, s)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlanMode {
    View,
    Edit,
}

/// What the user asked for on the plan; the page sends the matching domain command.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlanEdit {
    Move {
        booth: BoothId,
        x: u16,
        y: u16,
    },
    Resize {
        booth: BoothId,
        w: u16,
        h: u16,
    },
    /// Add a booth of the chosen size with its top-left corner here.
    Add {
        x: u16,
        y: u16,
    },
    Remove {
        booth: BoothId,
    },
    /// Refused here, before any command: the booth is at the edge (coordinates are ≥ 0).
    AtEdge {
        booth: BoothId,
    },
}

/// The domain's answer to an edit that it refused, drawn next to `at`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub at: Rect,
    pub message: String,
}

#[derive(Properties, PartialEq)]
pub struct FloorPlanViewProps {
    pub plan: Rc<PlanView>,
    #[prop_or(PlanMode::View)]
    pub mode: PlanMode,
    #[prop_or_default]
    pub selected: Option<BoothId>,
    #[prop_or_default]
    pub on_select: Callback<Option<BoothId>>,
    #[prop_or_default]
    pub on_edit: Callback<PlanEdit>,
    /// A booth drawn where it is going until the domain answers.
    #[prop_or_default]
    pub pending: Option<(BoothId, Rect)>,
    #[prop_or_default]
    pub refusal: Option<Refusal>,
    /// Size (w, h) of a booth added by clicking on the hall.
    #[prop_or((3, 3))]
    pub new_size: (u16, u16),
    /// Draw enterprise names on booths.
    #[prop_or(true)]
    pub names: bool,
    /// Extra text for screen readers (e.g. how to use the keyboard).
    #[prop_or_default]
    pub describedby: Option<AttrValue>,
    /// Draw the booths' texts: `None` decides by scale (see [`LABEL_MIN_PX_PER_M`]).
    #[prop_or_default]
    pub labels: Option<bool>,
}

/// Booth texts are drawn when one metre of the hall takes at least this many pixels on screen
/// (a booth code, 0.9 m high, is then at least 9 px high). Below that they would be unreadable, so
/// the plan shows state by colour and pattern, names each booth for screen readers with
/// `aria-label`, and offers to zoom in; this keeps a plan of 1,000 booths quick to draw.
pub const LABEL_MIN_PX_PER_M: f64 = 10.0;
const ZOOMS: [u8; 4] = [1, 2, 4, 8];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DragKind {
    Move,
    Resize,
    Add,
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct Drag {
    kind: DragKind,
    booth: Option<BoothId>,
    orig: Rect,
    start: (f64, f64),
    now: (f64, f64),
}

impl Drag {
    /// The rectangle the drag describes, on the 1 m grid.
    fn rect(&self) -> Rect {
        let dx = (self.now.0 - self.start.0).round() as i32;
        let dy = (self.now.1 - self.start.1).round() as i32;
        let clamp = |v: i32, min: i32| v.clamp(min, u16::MAX as i32) as u16;
        match self.kind {
            DragKind::Move => {
                Rect { x: clamp(self.orig.x as i32 + dx, 0), y: clamp(self.orig.y as i32 + dy, 0), ..self.orig }
            }
            DragKind::Resize => {
                Rect { w: clamp(self.orig.w as i32 + dx, 1), h: clamp(self.orig.h as i32 + dy, 1), ..self.orig }
            }
            DragKind::Add => self.orig,
        }
    }
}

/// Margin (metres) around the hall in the viewBox, for zone labels and messages.
const MARGIN: f64 = 1.5;

fn view_box(plan: &PlanView) -> (f64, f64, f64, f64) {
    let (w, d) = (plan.width.max(1) as f64, plan.depth.max(1) as f64);
    (-MARGIN, -MARGIN, w + 2.0 * MARGIN, d + 2.0 * MARGIN)
}

/// Pointer position in metres of the hall. (Yew delegates events to its root, so the event's
/// `current_target` is not the SVG: the SVG comes by its `NodeRef`.)
fn metres(e: &MouseEvent, svg: &NodeRef, vb: (f64, f64, f64, f64)) -> Option<(f64, f64)> {
    let svg: web_sys::Element = svg.cast()?;
    let r = svg.get_bounding_client_rect();
    if r.width() <= 0.0 || r.height() <= 0.0 {
        return None;
    }
    // The SVG keeps the viewBox's aspect ratio and fills its width, so one scale fits both axes.
    let scale = (vb.2 / r.width()).max(vb.3 / r.height());
    Some((vb.0 + (e.client_x() as f64 - r.left()) * scale, vb.1 + (e.client_y() as f64 - r.top()) * scale))
}

/// The element (or its ancestor) carrying `attr`, and the attribute's value.
fn closest_attr(target: Option<web_sys::EventTarget>, attr: &str) -> Option<String> {
    let el: web_sys::Element = target?.dyn_into().ok()?;
    el.closest(&format!("[{attr}]")).ok()??.get_attribute(attr)
}

fn booth_of(target: Option<web_sys::EventTarget>) -> Option<BoothId> {
    closest_attr(target, "data-booth")?.parse().ok()
}

#[component]
pub fn FloorPlanView(props: &FloorPlanViewProps) -> Html {
    let lang = crate::session::use_lang();
    let drag = use_state(|| None::<Drag>);
    let edge = use_state(|| None::<BoothId>);
    let zoom = use_state(|| 0usize);
    let scroller = use_node_ref();
    let svg_ref = use_node_ref();
    let width_px = use_state(|| 0.0f64);
    {
        let (scroller, width_px) = (scroller.clone(), width_px.clone());
        use_effect_with((), move |_| {
            if let Some(el) = scroller.cast::<web_sys::Element>() {
                let w = el.client_width() as f64;
                if w > 0.0 {
                    width_px.set(w);
                }
            }
        });
    }
    let plan = &props.plan;
    let vb = view_box(plan);
    let edit = props.mode == PlanMode::Edit;
    let z = ZOOMS[(*zoom).min(ZOOMS.len() - 1)];
    let px_per_m = if *width_px > 0.0 { *width_px } else { 900.0 } * z as f64 / vb.2;
    let labels = props.labels.unwrap_or(px_per_m >= LABEL_MIN_PX_PER_M);
    let zoom_by = |d: isize| {
        let zoom = zoom.clone();
        Callback::from(move |_: MouseEvent| {
            let next = (*zoom as isize + d).clamp(0, ZOOMS.len() as isize - 1) as usize;
            zoom.set(next);
        })
    };

    let onpointerdown = {
        let drag = drag.clone();
        let on_select = props.on_select.clone();
        let plan = plan.clone();
        let selected = props.selected;
        let new_size = props.new_size;
        let svg_ref = svg_ref.clone();
        Callback::from(move |e: PointerEvent| {
            if e.button() != 0 {
                return;
            }
            let Some(at) = metres(&e, &svg_ref, vb) else { return };
            let target = e.target();
            let start = |kind, booth: Option<BoothId>, orig| {
                if let Some(svg) = svg_ref.cast::<web_sys::Element>() {
                    let _ = svg.set_pointer_capture(e.pointer_id());
                }
                drag.set(Some(Drag { kind, booth, orig, start: at, now: at }));
            };
            if closest_attr(target.clone(), "data-handle").is_some() {
                if let (true, Some(b)) = (edit, selected.and_then(|id| plan.booth(id))) {
                    e.prevent_default();
                    start(DragKind::Resize, Some(b.id), b.rect);
                }
                return;
            }
            if let Some(id) = booth_of(target.clone()) {
                if selected != Some(id) {
                    on_select.emit(Some(id));
                }
                if let (true, Some(b)) = (edit, plan.booth(id)) {
                    start(DragKind::Move, Some(id), b.rect);
                }
                return;
            }
            if closest_attr(target, "data-bg").is_some() {
                on_select.emit(None);
                if edit && at.0 >= 0.0 && at.1 >= 0.0 {
                    let orig = Rect { x: at.0.floor() as u16, y: at.1.floor() as u16, w: new_size.0, h: new_size.1 };
                    start(DragKind::Add, None, orig);
                }
            }
        })
    };

    let onpointermove = {
        let drag = drag.clone();
        let svg_ref = svg_ref.clone();
        Callback::from(move |e: PointerEvent| {
            let Some(d) = *drag else { return };
            let Some(at) = metres(&e, &svg_ref, vb) else { return };
            let next = Drag { now: at, ..d };
            if next.rect() != d.rect() {
                drag.set(Some(next));
            }
        })
    };

    let onpointerup = {
        let drag = drag.clone();
        let on_edit = props.on_edit.clone();
        let svg_ref = svg_ref.clone();
        Callback::from(move |e: PointerEvent| {
            let Some(d) = *drag else { return };
            drag.set(None);
            let now = metres(&e, &svg_ref, vb).unwrap_or(d.now);
            let d = Drag { now, ..d };
            let r = d.rect();
            match (d.kind, d.booth) {
                (DragKind::Move, Some(booth)) if (r.x, r.y) != (d.orig.x, d.orig.y) => {
                    on_edit.emit(PlanEdit::Move { booth, x: r.x, y: r.y })
                }
                (DragKind::Resize, Some(booth)) if (r.w, r.h) != (d.orig.w, d.orig.h) => {
                    on_edit.emit(PlanEdit::Resize { booth, w: r.w, h: r.h })
                }
                (DragKind::Add, _) => {
                    // A click, not a drag across the hall.
                    let still = (now.0 - d.start.0).abs() < 0.75 && (now.1 - d.start.1).abs() < 0.75;
                    if still {
                        on_edit.emit(PlanEdit::Add { x: r.x, y: r.y });
                    }
                }
                _ => {}
            }
        })
    };

    let onpointercancel = {
        let drag = drag.clone();
        Callback::from(move |_: PointerEvent| drag.set(None))
    };

    let onkeydown = {
        let plan = plan.clone();
        let on_edit = props.on_edit.clone();
        let on_select = props.on_select.clone();
        let drag = drag.clone();
        let edge = edge.clone();
        let pending = props.pending;
        Callback::from(move |e: KeyboardEvent| {
            let Some(id) = booth_of(e.target()) else { return };
            let Some(b) = plan.booth(id) else { return };
            // Keys pressed faster than the answers come build on the move still in flight.
            let r = pending.filter(|(p, _)| *p == id).map(|(_, r)| r).unwrap_or(b.rect);
            let key = e.key();
            if matches!(key.as_str(), "Enter" | " ") {
                e.prevent_default();
                on_select.emit(Some(id));
                return;
            }
            if key == "Escape" {
                drag.set(None);
                return;
            }
            if !edit {
                return;
            }
            let shift = e.shift_key();
            let edit = match (key.as_str(), shift) {
                ("ArrowLeft", false) if r.x == 0 => PlanEdit::AtEdge { booth: id },
                ("ArrowUp", false) if r.y == 0 => PlanEdit::AtEdge { booth: id },
                ("ArrowLeft", false) => PlanEdit::Move { booth: id, x: r.x - 1, y: r.y },
                ("ArrowRight", false) => PlanEdit::Move { booth: id, x: r.x + 1, y: r.y },
                ("ArrowUp", false) => PlanEdit::Move { booth: id, x: r.x, y: r.y - 1 },
                ("ArrowDown", false) => PlanEdit::Move { booth: id, x: r.x, y: r.y + 1 },
                ("ArrowLeft", true) => PlanEdit::Resize { booth: id, w: r.w.saturating_sub(1), h: r.h },
                ("ArrowRight", true) => PlanEdit::Resize { booth: id, w: r.w + 1, h: r.h },
                ("ArrowUp", true) => PlanEdit::Resize { booth: id, w: r.w, h: r.h.saturating_sub(1) },
                ("ArrowDown", true) => PlanEdit::Resize { booth: id, w: r.w, h: r.h + 1 },
                ("Delete" | "Backspace", _) => PlanEdit::Remove { booth: id },
                _ => return,
            };
            e.prevent_default();
            edge.set(matches!(edit, PlanEdit::AtEdge { .. }).then_some(id));
            on_edit.emit(edit);
        })
    };

    let onfocusin = {
        let on_select = props.on_select.clone();
        let selected = props.selected;
        Callback::from(move |e: FocusEvent| {
            if let Some(id) = booth_of(e.target()) {
                if selected != Some(id) {
                    on_select.emit(Some(id));
                }
            }
        })
    };

    if plan.width == 0 || plan.depth == 0 {
        return html! { <p class="empty plan-empty">{ FpT::NoHall.get(lang) }</p> };
    }

    let ghost = drag.as_ref().map(|d| {
        let r = d.rect();
        html! {
            <rect class={classes!("ghost", (d.kind == DragKind::Add).then_some("adding"))}
                x={r.x.to_string()} y={r.y.to_string()} width={r.w.to_string()} height={r.h.to_string()} />
        }
    });
    let handle = (edit && drag.is_none()).then(|| props.selected.and_then(|id| plan.booth(id))).flatten().map(|b| {
        let r = props.pending.filter(|(id, _)| *id == b.id).map(|(_, r)| r).unwrap_or(b.rect);
        let s = 0.9;
        html! {
            <rect class="handle" data-handle="resize" x={fmt(r.x as f64 + r.w as f64 - s / 2.0)}
                y={fmt(r.y as f64 + r.h as f64 - s / 2.0)} width={fmt(s)} height={fmt(s)}>
                <title>{ FpT::ResizeHandle.get(lang) }</title>
            </rect>
        }
    });
    let callout = props
        .refusal
        .as_ref()
        .map(|r| callout(vb, r.at, &r.message))
        .or_else(|| (*edge).and_then(|id| plan.booth(id)).map(|b| callout(vb, b.rect, FpT::EdgeOfHall.get(lang))));

    html! {
        <div class={classes!("floor-plan", edit.then_some("editing"), drag.is_some().then_some("dragging"))}>
            <div class="zoom-bar no-print">
                <button type="button" class="secondary zoom-out" onclick={zoom_by(-1)} disabled={*zoom == 0}
                    aria-label={FpT::ZoomOut.get(lang)}>{ "−" }</button>
                <span class="zoom-level" aria-live="polite">{ fill(FpT::ZoomLevel.get(lang), &[("n", z.to_string())]) }</span>
                <button type="button" class="secondary zoom-in" onclick={zoom_by(1)} disabled={*zoom + 1 >= ZOOMS.len()}
                    aria-label={FpT::ZoomIn.get(lang)}>{ "+" }</button>
                if !labels { <span class="hint labels-hidden">{ FpT::LabelsHidden.get(lang) }</span> }
            </div>
            <div class={classes!("plan-scroll", (z > 1).then_some("zoomed"))} ref={scroller}>
            <svg ref={svg_ref} class={classes!("plan-svg", format!("z{z}"))} viewBox={format!("{} {} {} {}", vb.0, vb.1, vb.2, vb.3)}
                preserveAspectRatio="xMinYMin meet" role="group"
                aria-label={fill(FpT::PlanLabel.get(lang), &[("w", plan.width.to_string()), ("d", plan.depth.to_string())])}
                aria-describedby={props.describedby.clone()}
                {onpointerdown} {onpointermove} {onpointerup} {onpointercancel} {onkeydown} {onfocusin}>
                <defs>
                    <pattern id="fp-grid" width="1" height="1" patternUnits="userSpaceOnUse">
                        <path d="M 1 0 L 0 0 0 1" class="grid-line" />
                    </pattern>
                    <pattern id="fp-hatch" width="0.6" height="0.6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                        <rect width="0.6" height="0.6" class="hatch-bg" />
                        <line x1="0" y1="0" x2="0" y2="0.6" class="hatch-line" />
                    </pattern>
                    <pattern id="fp-dots" width="0.5" height="0.5" patternUnits="userSpaceOnUse">
                        <rect width="0.5" height="0.5" class="dots-bg" />
                        <circle cx="0.25" cy="0.25" r="0.07" class="dots-dot" />
                    </pattern>
                </defs>
                <rect class="hall" data-bg="hall" x="0" y="0" width={plan.width.to_string()} height={plan.depth.to_string()} />
                <BoothLayer plan={plan.clone()} selected={props.selected} pending={props.pending} {lang}
                    names={props.names} {labels} focusable=true />
                // One stable node: optional children flattened into the <svg>'s list would shift
                // Yew's end-aligned diff and re-create every booth.
                <g class="overlay">
                    { for ghost }
                    { for handle }
                    { for callout }
                </g>
            </svg>
            </div>
        </div>
    }
}

fn fmt(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// Approximate text width in metres at font size `fs` (CJK characters are square, Latin narrower).
fn text_width(s: &str, fs: f64) -> f64 {
    s.chars().map(|c| if c.is_ascii() { 0.58 } else { 1.0 }).sum::<f64>() * fs
}

/// A message box next to `at`, kept inside the view.
fn callout(vb: (f64, f64, f64, f64), at: Rect, message: &str) -> Html {
    let fs = (vb.2.max(vb.3) / 45.0).clamp(0.5, 6.0);
    let pad = fs * 0.5;
    let w = (text_width(message, fs) + 2.0 * pad).min(vb.2);
    let h = fs + 2.0 * pad;
    let x = (at.x as f64).clamp(vb.0, vb.0 + vb.2 - w);
    let above = at.y as f64 - h - 0.3;
    let y = if above >= vb.1 { above } else { (at.y + at.h) as f64 + 0.3 };
    html! {
        <g class="callout">
            <rect class="callout-box" x={fmt(x)} y={fmt(y)} width={fmt(w)} height={fmt(h)} rx={fmt(pad / 2.0)} />
            <text class="callout-text" x={fmt(x + pad)} y={fmt(y + h / 2.0)} font-size={fmt(fs)}>{ message.to_owned() }</text>
        </g>
    }
}

#[derive(Properties, PartialEq)]
struct BoothLayerProps {
    plan: Rc<PlanView>,
    selected: Option<BoothId>,
    pending: Option<(BoothId, Rect)>,
    lang: Lang,
    names: bool,
    labels: bool,
    focusable: bool,
}

/// Zone outlines and every booth. Re-renders only when the plan, the selection or the pending
/// move changes (not on every pointer move).
#[component]
fn BoothLayer(p: &BoothLayerProps) -> Html {
    let mut booths: Vec<&BoothView> = p.plan.booths.iter().collect();
    // Reading order, so that Tab goes row by row.
    booths.sort_unstable_by_key(|b| (b.rect.y, b.rect.x));
    html! {
        <>
            <g class="zones">{ for p.plan.zones.iter().filter_map(|z| zone_outline(&p.plan, z.id, &z.name)) }</g>
            <g class="booths" font-size="0.9">
                { for booths.into_iter().map(|b| {
                    let rect = p.pending.filter(|(id, _)| *id == b.id).map(|(_, r)| r).unwrap_or(b.rect);
                    if p.labels {
                        booth_node(b, rect, p.selected == Some(b.id), p.lang, p.names, p.focusable)
                    } else {
                        booth_shape(b, rect, p.selected == Some(b.id), p.lang, p.focusable)
                    }
                }) }
            </g>
        </>
    }
}

fn zone_outline(plan: &PlanView, zone: ZoneId, name: &str) -> Option<Html> {
    let mut it = plan.booths.iter().filter(|b| b.zone_id == zone).map(|b| b.rect);
    let first = it.next()?;
    let (mut x0, mut y0, mut x1, mut y1) = (first.x, first.y, first.x + first.w, first.y + first.h);
    for r in it {
        x0 = x0.min(r.x);
        y0 = y0.min(r.y);
        x1 = x1.max(r.x + r.w);
        y1 = y1.max(r.y + r.h);
    }
    let pad = 0.4;
    Some(html! {
        <g class="zone" key={zone.to_string()}>
            <rect class="zone-box" x={fmt(x0 as f64 - pad)} y={fmt(y0 as f64 - pad)}
                width={fmt((x1 - x0) as f64 + 2.0 * pad)} height={fmt((y1 - y0) as f64 + 2.0 * pad)} />
            <text class="zone-name" x={fmt(x0 as f64 - pad)} y={fmt(y0 as f64 - pad - 0.25)} font-size="0.8">{ name.to_owned() }</text>
        </g>
    })
}

/// Longest prefix of `s` that fits `width` at font size `fs`, with an ellipsis when cut.
fn fit(s: &str, width: f64, fs: f64) -> String {
    if text_width(s, fs) <= width {
        return s.to_owned();
    }
    let mut out = String::new();
    let mut used = fs; // room for the ellipsis
    for c in s.chars() {
        used += if c.is_ascii() { 0.58 * fs } else { fs };
        if used > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// Whole and half metres as attribute values without formatting (most booths are 2–20 m).
fn metre_attr(halves: u32) -> AttrValue {
    const WHOLE: [&str; 41] = [
        "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19",
        "20", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31", "32", "33", "34", "35", "36", "37",
        "38", "39", "40",
    ];
    const HALF: [&str; 20] = [
        "0.5", "1.5", "2.5", "3.5", "4.5", "5.5", "6.5", "7.5", "8.5", "9.5", "10.5", "11.5", "12.5", "13.5", "14.5",
        "15.5", "16.5", "17.5", "18.5", "19.5",
    ];
    let i = (halves / 2) as usize;
    match (halves % 2, WHOLE.get(i), HALF.get(i)) {
        (0, Some(s), _) => AttrValue::Static(s),
        (1, _, Some(s)) => AttrValue::Static(s),
        _ => AttrValue::from(fmt(halves as f64 / 2.0)),
    }
}

fn booth_class(state: BoothState, selected: bool) -> &'static str {
    match (state, selected) {
        (BoothState::Free, false) => "booth free",
        (BoothState::Held, false) => "booth held",
        (BoothState::Requested, false) => "booth requested",
        (BoothState::Booked, false) => "booth booked",
        (BoothState::Blocked, false) => "booth blocked",
        (BoothState::Free, true) => "booth free selected",
        (BoothState::Held, true) => "booth held selected",
        (BoothState::Requested, true) => "booth requested selected",
        (BoothState::Booked, true) => "booth booked selected",
        (BoothState::Blocked, true) => "booth blocked selected",
    }
}

/// Default font size of booth codes (set once on the layer, inherited).
const CODE_FS: f64 = 0.9;
const NAME_FS: f64 = 0.45;

/// A booth too small on screen for text: a single focusable rectangle (state by colour and
/// pattern), named for screen readers by `aria-label`. One element per booth keeps a plan of
/// 1,000 booths quick to build.
fn booth_shape(b: &BoothView, r: Rect, selected: bool, lang: Lang, focusable: bool) -> Html {
    let state = booth_state_text(lang, b.state);
    let label = match &b.enterprise {
        Some(e) => format!("{} {state} {e}", b.code),
        None => format!("{} {state}", b.code),
    };
    html! {
        // One `d` instead of x, y, width and height: each attribute is a call out of wasm, and a
        // plan has 1,000 booths.
        <path key={b.id.to_string()} class={booth_class(b.state, selected)} data-booth={b.id.to_string()}
            tabindex={focusable.then_some("0")} role="button" aria-pressed={selected.then_some("true")} aria-label={label}
            d={format!("M{} {}h{}v{}h-{}z", r.x, r.y, r.w, r.h, r.w)} />
    }
}

/// One booth: a group placed by `transform`, so its children need few attributes. Its accessible
/// name comes from its text (code, state, enterprise). Kept lean: a plan may hold 1,000 booths.
fn booth_node(b: &BoothView, r: Rect, selected: bool, lang: Lang, names: bool, focusable: bool) -> Html {
    let (w, h) = (r.w as f64, r.h as f64);
    let state = booth_state_text(lang, b.state);
    let room = w - 0.3;
    let code_fs = CODE_FS.min(h * 0.3).min(room / (b.code.chars().count().max(1) as f64 * 0.62));
    let state_fs = (0.55f64).min(room / text_width(state, 1.0).max(0.1));
    let name = if names { b.enterprise.as_deref() } else { None };
    let (code_y, state_y) = if name.is_some() { (0.3, 0.56) } else { (0.4, 0.7) };
    let cx = metre_attr(r.w as u32);
    html! {
        <g key={b.id.to_string()} class={booth_class(b.state, selected)} data-booth={b.id.to_string()}
            tabindex={focusable.then_some("0")} role="button" aria-pressed={selected.then_some("true")}
            transform={format!("translate({} {})", r.x, r.y)}>
            <rect width={metre_attr(2 * r.w as u32)} height={metre_attr(2 * r.h as u32)} />
            <text x={cx.clone()} y={fmt(h * code_y)} font-size={(code_fs < CODE_FS).then(|| fmt(code_fs))}>{ b.code.clone() }</text>
            <text class="st" x={cx.clone()} y={fmt(h * state_y)} font-size={fmt(state_fs)}>{ state }</text>
            if let Some(n) = name {
                <text class="nm" x={cx} y={fmt(h * 0.82)}>{ fit(n, room, NAME_FS) }</text>
            }
        </g>
    }
}

/// The legend: each state's colour, pattern and word.
#[component]
pub fn PlanLegend() -> Html {
    let lang = crate::session::use_lang();
    let states = [BoothState::Free, BoothState::Requested, BoothState::Held, BoothState::Booked, BoothState::Blocked];
    html! {
        <div class="plan-legend-wrap">
            <svg class="legend-defs" width="0" height="0" aria-hidden="true" focusable="false">
                <defs>
                    <pattern id="lg-hatch" width="0.4" height="0.4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                        <rect width="0.4" height="0.4" class="hatch-bg" />
                        <line x1="0" y1="0" x2="0" y2="0.4" class="hatch-line" />
                    </pattern>
                    <pattern id="lg-dots" width="0.4" height="0.4" patternUnits="userSpaceOnUse">
                        <rect width="0.4" height="0.4" class="dots-bg" />
                        <circle cx="0.2" cy="0.2" r="0.06" class="dots-dot" />
                    </pattern>
                </defs>
            </svg>
            <ul class="plan-legend" aria-label={FpT::Legend.get(lang)}>
                { for states.into_iter().map(|s| html! {
                    <li>
                        <svg class="swatch" viewBox="0 0 2 1.2" aria-hidden="true" focusable="false">
                            <g class={booth_class(s, false)}><rect x="0.1" y="0.1" width="1.8" height="1" /></g>
                        </svg>
                        { booth_state_text(lang, s) }
                    </li>
                }) }
            </ul>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_are_cut_to_fit_with_an_ellipsis() {
        assert_eq!(fit("联影医疗", 3.0, 0.45), "联影医疗");
        let cut = fit("上海张江联动医疗器械有限公司", 2.7, 0.45);
        assert!(cut.ends_with('…'));
        assert!(text_width(&cut, 0.45) <= 2.7 + 0.45);
    }

    #[test]
    fn a_drag_snaps_to_whole_metres_and_never_below_zero() {
        let d = Drag {
            kind: DragKind::Move,
            booth: None,
            orig: Rect { x: 1, y: 1, w: 3, h: 3 },
            start: (2.2, 2.2),
            now: (0.1, 5.9),
        };
        assert_eq!(d.rect(), Rect { x: 0, y: 5, w: 3, h: 3 });
        let r = Drag { kind: DragKind::Resize, now: (4.8, 2.0), ..d };
        assert_eq!(r.rect(), Rect { x: 1, y: 1, w: 6, h: 3 });
    }
}
