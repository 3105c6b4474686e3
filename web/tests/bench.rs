//! Browser benchmarks (headless Chromium, release build). Not part of the test run:
//! `scripts/bench` runs them with `--release -- --include-ignored` and prints the figures.
#![cfg(target_arch = "wasm32")]

use fairlog_domain::{codec, synth, Engine, State};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

/// Give the page back to the browser between measurements, so that the test runner's webdriver
/// requests are answered (a page busy for more than 20 s makes the runner give up).
async fn breathe() {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(p).await;
}

async fn time<T>(label: &str, runs: usize, mut f: impl FnMut() -> T) -> f64 {
    let mut best = f64::MAX;
    for _ in 0..runs {
        breathe().await;
        let t0 = now_ms();
        std::hint::black_box(f());
        best = best.min(now_ms() - t0);
    }
    console_log!("BENCH {label}: {best:.1} ms (best of {runs})");
    best
}

#[wasm_bindgen_test]
#[ignore]
async fn log_at_100k_events() {
    let engine = synth::fair_log(100_000, 7);
    breathe().await;
    let text = codec::export(engine.log());
    console_log!("BENCH file: {} events, {:.1} MiB", engine.log().len(), text.len() as f64 / 1048576.0);
    time("verify hash chain + parse 100k events (codec::import)", 3, || codec::import(&text).unwrap()).await;
    let lines: Vec<(u64, Option<&str>)> =
        text.lines().skip(1).enumerate().map(|(i, l)| (i as u64 + 1, Some(l))).collect();
    time("restore 100k stored lines (parse, chain, evolve: app start-up)", 3, || {
        Engine::restore(lines.iter().cloned())
    })
    .await;
    let events = engine.log().entries().to_vec();
    time("replay 100k parsed events (State::replay)", 3, || State::replay(events.iter())).await;
    let mut e = engine.clone();
    let mut n = 0u128;
    let total = time("1,000 commands at 100k events (prepare + commit each)", 1, || {
        for _ in 0..1000 {
            n += 1;
            let cmd = fairlog_domain::testing::organizer_cmd(fairlog_domain::fair::FairCommand::CreateFair {
                fair_id: fairlog_domain::ids::FairId(uuid::Uuid::from_u128(0xBE7C_0000 + n)),
                details: fairlog_domain::testing::xuhui_fair("基准"),
            });
            e.execute(cmd, uuid::Uuid::new_v4).unwrap();
        }
    })
    .await;
    console_log!("BENCH one command at 100k events: {:.3} ms", total / 1000.0);
    time("time travel to event 50,999 (checkpoint + 999 events replayed)", 5, || e.state_at(50_999)).await;
}

#[wasm_bindgen_test]
#[ignore]
async fn dashboard_at_100k_events() {
    let engine = synth::season_log(100_000, 7);
    breathe().await;
    let filter = fairlog_domain::figures::Filter::default();
    let (f, _) = fairlog_domain::figures::compute(engine.state(), &filter);
    console_log!(
        "BENCH season: {} events, {} fairs held, {} jobs offered",
        engine.log().len(),
        f.fairs_held,
        f.jobs_offered
    );
    time("dashboard: recompute all figures at 100k events", 5, || {
        fairlog_domain::figures::compute(engine.state(), &filter)
    })
    .await;
}
