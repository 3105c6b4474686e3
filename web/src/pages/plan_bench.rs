//! `#/bench/floor-plan`: how long the floor plan takes to draw 1,000 booths in this browser.
//!
//! Builds, in memory only (nothing is stored), a fair of 1,000 booths in every state through
//! real domain commands, then mounts the editor's `FloorPlanView` several times and measures
//! with `performance.now()`: from the state change that shows the plan to the DOM being built
//! (Yew render + DOM), and to style and layout being done (a forced layout read). Also the time
//! of the projection (`views::floor_plan`) and of a re-render after selecting a booth.
use std::cell::RefCell;
use std::rc::Rc;

use fairlog_domain::ids::BoothId;
use fairlog_domain::synth_booths::showcase_fair;
use fairlog_domain::views::{self, PlanView};
use yew::prelude::*;

use crate::components::{FloorPlanView, PlanMode};

const ROUNDS: usize = 7;

fn perf_now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

/// Force style and layout, so the time includes them.
fn force_layout() {
    if let Some(svg) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.query_selector(".plan-svg").ok().flatten()) {
        let _ = svg.get_bounding_client_rect();
        if let Some(b) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) {
            let _ = b.offset_height();
        }
    }
}

fn median(v: &[f64]) -> f64 {
    let mut s = v.to_vec();
    s.sort_by(|a, b| a.total_cmp(b));
    s.get(s.len() / 2).copied().unwrap_or(0.0)
}

#[derive(Default)]
struct Timings {
    start: f64,
    dom: Vec<f64>,
    layout: Vec<f64>,
    select: Vec<f64>,
    projection: f64,
}

#[component]
pub fn PlanBenchPage() -> Html {
    let plan = use_state(|| None::<Rc<PlanView>>);
    let show = use_state(|| false);
    let round = use_state(|| 0usize);
    let selected = use_state(|| None::<BoothId>);
    let timings = use_mut_ref(Timings::default);
    let report = use_state(|| None::<String>);

    // Build the fair once (not measured), then start the first round.
    {
        let (plan, timings) = (plan.clone(), timings.clone());
        use_effect_with((), move |_| {
            let (engine, fair) = showcase_fair(42);
            let t = perf_now();
            let p = views::floor_plan(engine.state(), fair);
            timings.borrow_mut().projection = perf_now() - t;
            plan.set(Some(Rc::new(p)));
        });
    }

    // After each render with the plan shown: record, then select a booth (a re-render), then hide
    // and show again for the next round.
    {
        let (show, round, selected, timings, report, plan) =
            (show.clone(), round.clone(), selected.clone(), timings.clone(), report.clone(), plan.clone());
        use_effect_with((*show, *selected), move |(shown, sel)| {
            if !*shown {
                if report.is_none() {
                    timings.borrow_mut().start = perf_now();
                    show.set(true);
                }
                return;
            }
            let t = timings.clone();
            record(&t, sel.is_some());
            if sel.is_none() {
                // Now measure a re-render: select a booth.
                let first = plan.as_ref().and_then(|p| p.booths.first().map(|b| b.id));
                t.borrow_mut().start = perf_now();
                selected.set(first);
                return;
            }
            let next = *round + 1;
            if next < ROUNDS {
                round.set(next);
                selected.set(None);
                show.set(false);
            } else {
                let tm = t.borrow();
                let text = format!(
                    "booths=1000 rounds={} dom_ms={:.1} layout_ms={:.1} select_ms={:.1} projection_ms={:.1} dom_all={:?}",
                    tm.dom.len(),
                    median(&tm.dom),
                    median(&tm.layout),
                    median(&tm.select),
                    tm.projection,
                    tm.layout.iter().map(|v| (v * 10.0).round() / 10.0).collect::<Vec<_>>()
                );
                web_sys::console::log_1(&format!("floor plan benchmark: {text}").into());
                report.set(Some(text));
            }
        });
    }

    let t = timings.borrow();
    html! {
        <section class="plan-bench">
            <h1>{ "Floor plan rendering benchmark (1,000 booths)" }</h1>
            if let Some(r) = &*report {
                <dl id="bench-result" data-result={r.clone()}>
                    <dt>{ "render to DOM, median (ms)" }</dt><dd id="bench-dom">{ format!("{:.1}", median(&t.dom)) }</dd>
                    <dt>{ "render + style + layout, median (ms)" }</dt><dd id="bench-layout">{ format!("{:.1}", median(&t.layout)) }</dd>
                    <dt>{ "re-render after selecting a booth, median (ms)" }</dt><dd id="bench-select">{ format!("{:.1}", median(&t.select)) }</dd>
                    <dt>{ "projection views::floor_plan (ms)" }</dt><dd id="bench-projection">{ format!("{:.1}", t.projection) }</dd>
                </dl>
            } else {
                <p role="status">{ "…" }</p>
            }
            if let (true, Some(p)) = (*show, &*plan) {
                <FloorPlanView plan={p.clone()} mode={PlanMode::Edit} selected={*selected} />
            }
        </section>
    }
}

fn record(t: &Rc<RefCell<Timings>>, selecting: bool) {
    let dom = perf_now() - t.borrow().start;
    force_layout();
    let layout = perf_now() - t.borrow().start;
    let mut tm = t.borrow_mut();
    if selecting {
        tm.select.push(layout);
    } else {
        tm.dom.push(dom);
        tm.layout.push(layout);
    }
}
