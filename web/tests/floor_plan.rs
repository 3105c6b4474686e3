//! The floor plan component in a real headless Chromium: 1,000 booths render, and what the
//! mouse and the keyboard ask for reaches the page as edits (the page turns them into commands).
//! Run with `cargo test -p fairlog-web --target wasm32-unknown-unknown`.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use fairlog_domain::floor_plan::Rect;
use fairlog_domain::ids::BoothId;
use fairlog_domain::synth_booths::showcase_fair;
use fairlog_domain::views::{self, PlanView};
use fairlog_domain::Role;
use fairlog_web::components::{FloorPlanView, PlanEdit, PlanMode};
use fairlog_web::i18n::Lang;
use fairlog_web::session::{Prefs, Session};
use wasm_bindgen_test::*;
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

#[derive(Properties, PartialEq)]
struct HostProps {
    plan: Rc<PlanView>,
    edits: Rc<RefCell<Vec<PlanEdit>>>,
    selected: Option<BoothId>,
    labels: Option<bool>,
}

/// The plan with the contexts it needs, recording the edits it reports.
#[component]
fn Host(p: &HostProps) -> Html {
    let prefs = Prefs {
        lang: Lang::Zh,
        session: Session { role: Role::Organizer, name: "王敏".into(), subject: None },
        set_lang: Callback::noop(),
        set_session: Callback::noop(),
    };
    let edits = p.edits.clone();
    let on_edit = Callback::from(move |e: PlanEdit| edits.borrow_mut().push(e));
    html! {
        <ContextProvider<Prefs> context={prefs}>
            <FloorPlanView plan={p.plan.clone()} mode={PlanMode::Edit} selected={p.selected} {on_edit} labels={p.labels} />
        </ContextProvider<Prefs>>
    }
}

fn root() -> web_sys::Element {
    let doc = gloo_document();
    let div = doc.create_element("div").unwrap();
    div.set_attribute("style", "width: 1000px").unwrap();
    doc.body().unwrap().append_child(&div).unwrap();
    div
}

fn gloo_document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn now() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}

fn showcase() -> Rc<PlanView> {
    let (engine, fair) = showcase_fair(7);
    Rc::new(views::floor_plan(engine.state(), fair))
}

#[wasm_bindgen_test]
async fn a_plan_of_a_thousand_booths_renders_each_booth() {
    let plan = showcase();
    for labels in [None, Some(true)] {
        let r = root();
        let t0 = now();
        let props = HostProps { plan: plan.clone(), edits: Rc::default(), selected: None, labels };
        let app = yew::Renderer::<Host>::with_root_and_props(r.clone(), props).render();
        yew::scheduler::flush().await;
        let took = now() - t0;
        let booths = r.query_selector_all(".booth").unwrap().length();
        web_sys::console::log_1(&format!("1,000 booths (labels {labels:?}): {took:.1} ms (debug build)").into());
        assert_eq!(booths, 1000);
        let texts = r.query_selector_all(".booth text").unwrap().length();
        assert_eq!(texts > 0, labels == Some(true), "texts are drawn only when asked or large enough");
        app.destroy();
        r.remove();
    }
}

fn key(target: &web_sys::Element, key: &str, shift: bool) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_shift_key(shift);
    init.set_bubbles(true);
    let e = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&e).unwrap();
}

fn small_plan() -> Rc<PlanView> {
    let mut plan = (*showcase()).clone();
    plan.width = 40;
    plan.depth = 20;
    plan.booths.truncate(2);
    plan.booths[0].rect = Rect { x: 0, y: 0, w: 3, h: 3 };
    plan.booths[1].rect = Rect { x: 10, y: 5, w: 3, h: 3 };
    Rc::new(plan)
}

#[wasm_bindgen_test]
async fn arrow_keys_move_shift_resizes_delete_removes_and_the_edge_is_announced() {
    let plan = small_plan();
    let (a, b) = (plan.booths[0].id, plan.booths[1].id);
    let edits: Rc<RefCell<Vec<PlanEdit>>> = Rc::default();
    let r = root();
    let props = HostProps { plan, edits: edits.clone(), selected: Some(b), labels: Some(true) };
    let app = yew::Renderer::<Host>::with_root_and_props(r.clone(), props).render();
    yew::scheduler::flush().await;
    let booth = |id: BoothId| r.query_selector(&format!("[data-booth='{id}']")).unwrap().unwrap();
    key(&booth(b), "ArrowRight", false);
    key(&booth(b), "ArrowDown", true);
    key(&booth(b), "Delete", false);
    key(&booth(a), "ArrowUp", true);
    key(&booth(a), "ArrowLeft", false);
    yew::scheduler::flush().await;
    assert_eq!(
        *edits.borrow(),
        [
            PlanEdit::Move { booth: b, x: 11, y: 5 },
            PlanEdit::Resize { booth: b, w: 3, h: 4 },
            PlanEdit::Remove { booth: b },
            PlanEdit::Resize { booth: a, w: 3, h: 2 },
            PlanEdit::AtEdge { booth: a },
        ]
    );
    // The refusal at the edge is drawn next to the booth.
    assert!(r.query_selector(".callout").unwrap().is_some());
    app.destroy();
    r.remove();
}

fn pointer(target: &web_sys::Element, kind: &str, x: f64, y: f64) {
    let init = web_sys::PointerEventInit::new();
    init.set_client_x(x as i32);
    init.set_client_y(y as i32);
    init.set_button(0);
    init.set_bubbles(true);
    init.set_pointer_id(1);
    let e = web_sys::PointerEvent::new_with_event_init_dict(kind, &init).unwrap();
    target.dispatch_event(&e).unwrap();
}

#[wasm_bindgen_test]
async fn a_click_on_the_hall_adds_and_a_drag_moves_on_the_metre_grid() {
    let plan = small_plan();
    let b = plan.booths[1].id;
    let edits: Rc<RefCell<Vec<PlanEdit>>> = Rc::default();
    let r = root();
    let props = HostProps { plan, edits: edits.clone(), selected: None, labels: Some(true) };
    let app = yew::Renderer::<Host>::with_root_and_props(r.clone(), props).render();
    yew::scheduler::flush().await;
    let svg = r.query_selector(".plan-svg").unwrap().unwrap();
    let rect = svg.get_bounding_client_rect();
    let vb: Vec<f64> = svg.get_attribute("viewBox").unwrap().split(' ').map(|v| v.parse().unwrap()).collect();
    let scale = (vb[2] / rect.width()).max(vb[3] / rect.height());
    let px = |mx: f64, my: f64| (rect.left() + (mx - vb[0]) / scale, rect.top() + (my - vb[1]) / scale);

    let hall = r.query_selector(".hall").unwrap().unwrap();
    let (x, y) = px(20.5, 12.5);
    pointer(&hall, "pointerdown", x, y);
    yew::scheduler::flush().await;
    pointer(&svg, "pointerup", x, y);
    yew::scheduler::flush().await;

    let booth = r.query_selector(&format!("[data-booth='{b}']")).unwrap().unwrap();
    let (x0, y0) = px(11.5, 6.5);
    let (x1, y1) = px(15.5, 8.5);
    pointer(&booth, "pointerdown", x0, y0);
    yew::scheduler::flush().await;
    pointer(&svg, "pointermove", x1, y1);
    yew::scheduler::flush().await;
    pointer(&svg, "pointerup", x1, y1);
    yew::scheduler::flush().await;
    assert_eq!(*edits.borrow(), [PlanEdit::Add { x: 20, y: 12 }, PlanEdit::Move { booth: b, x: 14, y: 7 }]);
    app.destroy();
    r.remove();
}
