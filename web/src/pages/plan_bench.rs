//! `#/bench/floor-plan`: how long the floor plan takes to draw 1,000 booths in this browser.
//!
//! Builds, in memory only (nothing is stored), a fair of 1,000 booths in every state through
//! real domain commands, then mounts the editor's `FloorPlanView` several times. Each round is
//! timed with `performance.now()` from the state change that shows the plan:
//! * `dom`: until the DOM is built (Yew render and DOM operations; measured in an effect),
//! * `layout`: plus style and layout (forced by reading the plan's size),
//! * `frame`: until the next frame has been produced (paint included).
//!
//! It also times a re-render after selecting a booth, and the projection `views::floor_plan`.
//! Each round is bracketed by `performance.mark("fp-<kind>-start-<n>")` / `…-end-<n>` so that a
//! browser trace can report main-thread CPU time per round (see `tests/e2e/specs/plan-bench.spec.mjs`).
use std::rc::Rc;

use fairlog_domain::ids::BoothId;
use fairlog_domain::synth_booths::showcase_fair;
use fairlog_domain::views::{self, PlanView};
use wasm_bindgen::prelude::*;
use yew::prelude::*;

use crate::components::{FloorPlanView, PlanMode};

const ROUNDS: usize = 9;

fn perf() -> Option<web_sys::Performance> {
    web_sys::window()?.performance()
}

fn perf_now() -> f64 {
    perf().map(|p| p.now()).unwrap_or(0.0)
}

fn mark(name: &str) {
    if let Some(p) = perf() {
        let _ = p.mark(name);
    }
}

/// Force style and layout, so that the time includes them.
fn force_layout() {
    let doc = web_sys::window().and_then(|w| w.document());
    if let Some(svg) = doc.as_ref().and_then(|d| d.query_selector(".plan-svg").ok().flatten()) {
        let _ = svg.get_bounding_client_rect();
    }
}

/// Resolves after the next animation frame and the task that follows it (the frame is painted).
async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let after = Closure::once_into_js(move || {
            let cb = Closure::once_into_js(move || {
                let _ = resolve.call0(&JsValue::NULL);
            });
            if let Some(w) = web_sys::window() {
                let _ = w.set_timeout_with_callback(cb.unchecked_ref());
            }
        });
        if let Some(w) = web_sys::window() {
            let _ = w.request_animation_frame(after.unchecked_ref());
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn median(v: &[f64]) -> f64 {
    let mut s = v.to_vec();
    s.sort_by(|a, b| a.total_cmp(b));
    s.get(s.len() / 2).copied().unwrap_or(0.0)
}

#[derive(Default)]
struct Timings {
    start: f64,
    /// Set while a round waits for its render.
    waiting: bool,
    dom: Vec<f64>,
    layout: Vec<f64>,
    frame: Vec<f64>,
    select_dom: Vec<f64>,
    select_frame: Vec<f64>,
    projection: f64,
}

#[derive(Clone, PartialEq)]
struct Report {
    text: String,
    dom: f64,
    layout: f64,
    frame: f64,
    select_dom: f64,
    select_frame: f64,
    projection: f64,
    labelled_layout: f64,
    labelled_frame: f64,
}

#[component]
pub fn PlanBenchPage() -> Html {
    let plan = use_state(|| None::<Rc<PlanView>>);
    let show = use_state(|| false);
    let selected = use_state(|| None::<BoothId>);
    let labels = use_state(|| None::<bool>);
    let timings = use_mut_ref(Timings::default);
    let labelled = use_mut_ref(Timings::default);
    let report = use_state(|| None::<Report>);

    // After a render that a round waits for: the DOM is there; time it, then force layout.
    {
        let timings = timings.clone();
        use_effect_with((*show, *selected), move |(shown, sel)| {
            let mut t = timings.borrow_mut();
            if *shown && t.waiting {
                t.waiting = false;
                let dom = perf_now() - t.start;
                if sel.is_some() {
                    t.select_dom.push(dom);
                } else {
                    t.dom.push(dom);
                    force_layout();
                    let layout = perf_now() - t.start;
                    t.layout.push(layout);
                }
            }
        });
    }

    // Build the fair once (not timed), then run the rounds.
    {
        let (plan, show, selected, timings, report, labels, labelled) = (
            plan.clone(),
            show.clone(),
            selected.clone(),
            timings.clone(),
            report.clone(),
            labels.clone(),
            labelled.clone(),
        );
        use_effect_with((), move |_| {
            yew::platform::spawn_local(async move {
                let (engine, fair) = showcase_fair(42);
                let t = perf_now();
                let p = Rc::new(views::floor_plan(engine.state(), fair));
                timings.borrow_mut().projection = perf_now() - t;
                let first = p.booths.first().map(|b| b.id);
                plan.set(Some(p));
                next_frame().await;
                // Rounds as the plan is shown (labels by scale), then with every label forced.
                for round in 0..2 * ROUNDS {
                    if round == ROUNDS {
                        // Move this variant's figures aside and measure with every text drawn.
                        std::mem::swap(&mut *timings.borrow_mut(), &mut *labelled.borrow_mut());
                        labels.set(Some(true));
                        next_frame().await;
                    }
                    // Mount the plan.
                    mark(&format!("fp-mount-start-{round}"));
                    {
                        let mut t = timings.borrow_mut();
                        t.start = perf_now();
                        t.waiting = true;
                    }
                    show.set(true);
                    while timings.borrow().waiting {
                        next_frame().await;
                    }
                    let took = perf_now() - timings.borrow().start;
                    timings.borrow_mut().frame.push(took);
                    mark(&format!("fp-mount-end-{round}"));
                    next_frame().await;
                    // Select a booth: a re-render of the mounted plan.
                    mark(&format!("fp-select-start-{round}"));
                    {
                        let mut t = timings.borrow_mut();
                        t.start = perf_now();
                        t.waiting = true;
                    }
                    selected.set(first);
                    while timings.borrow().waiting {
                        next_frame().await;
                    }
                    let took = perf_now() - timings.borrow().start;
                    timings.borrow_mut().select_frame.push(took);
                    mark(&format!("fp-select-end-{round}"));
                    // Unmount, let the browser settle.
                    selected.set(None);
                    show.set(false);
                    next_frame().await;
                    next_frame().await;
                }
                // `timings` now holds the labelled rounds, `labelled` the default ones.
                std::mem::swap(&mut *timings.borrow_mut(), &mut *labelled.borrow_mut());
                let l = labelled.borrow();
                let t = timings.borrow();
                let r = Report {
                    dom: median(&t.dom),
                    layout: median(&t.layout),
                    frame: median(&t.frame),
                    select_dom: median(&t.select_dom),
                    select_frame: median(&t.select_frame),
                    projection: l.projection.max(t.projection),
                    labelled_layout: median(&l.layout),
                    labelled_frame: median(&l.frame),
                    text: String::new(),
                };
                let text = format!(
                    "booths=1000 rounds={ROUNDS} dom_ms={:.1} layout_ms={:.1} frame_ms={:.1} select_dom_ms={:.1} select_frame_ms={:.1} projection_ms={:.1} labelled_layout_ms={:.1} labelled_frame_ms={:.1} layout_all={:?}",
                    r.dom,
                    r.layout,
                    r.frame,
                    r.select_dom,
                    r.select_frame,
                    r.projection,
                    r.labelled_layout,
                    r.labelled_frame,
                    t.layout.iter().map(|v| (v * 10.0).round() / 10.0).collect::<Vec<_>>()
                );
                web_sys::console::log_1(&format!("floor plan benchmark: {text}").into());
                report.set(Some(Report { text, ..r }));
            });
        });
    }

    html! {
        <section class="plan-bench">
            <h1>{ "Floor plan rendering benchmark (1,000 booths)" }</h1>
            if let Some(r) = &*report {
                <dl id="bench-result" data-result={r.text.clone()}>
                    <dt>{ "render to DOM, median (ms)" }</dt><dd id="bench-dom">{ format!("{:.1}", r.dom) }</dd>
                    <dt>{ "render + style + layout, median (ms)" }</dt><dd id="bench-layout">{ format!("{:.1}", r.layout) }</dd>
                    <dt>{ "render until the next frame is painted, median (ms)" }</dt><dd id="bench-frame">{ format!("{:.1}", r.frame) }</dd>
                    <dt>{ "re-render after selecting a booth, to DOM / to frame, median (ms)" }</dt>
                    <dd id="bench-select">{ format!("{:.1} / {:.1}", r.select_dom, r.select_frame) }</dd>
                    <dt>{ "projection views::floor_plan (ms)" }</dt><dd id="bench-projection">{ format!("{:.1}", r.projection) }</dd>
                    <dt>{ "with every booth text drawn: render + layout / to frame, median (ms)" }</dt>
                    <dd id="bench-labelled">{ format!("{:.1} / {:.1}", r.labelled_layout, r.labelled_frame) }</dd>
                </dl>
            } else {
                <p role="status">{ "…" }</p>
            }
            if let (true, Some(p)) = (*show, &*plan) {
                <FloorPlanView plan={p.clone()} mode={PlanMode::Edit} selected={*selected} labels={*labels} />
            }
        </section>
    }
}
