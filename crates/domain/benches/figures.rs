//! Dashboard recomputation at scale: `figures::compute` on the state after a 100k-event season.
//!
//! `cargo bench -p fairlog-domain --bench figures`
use criterion::{criterion_group, criterion_main, Criterion};
use fairlog_domain::booking::BookingCommand;
use fairlog_domain::figures::{compute, Filter};
use fairlog_domain::synth::season_log;
use fairlog_domain::testing::organizer_cmd;

fn figures(c: &mut Criterion) {
    let mut engine = season_log(100_000, 7);
    let (f, _) = compute(engine.state(), &Filter::default());
    eprintln!(
        "season: {} events, {} fairs held, {} enterprises, {} jobs offered, {} booths",
        engine.log().len(),
        f.fairs_held,
        f.enterprises,
        f.jobs_offered,
        f.booths
    );
    let mut g = c.benchmark_group("dashboard at 100k events");
    g.sample_size(20);
    g.bench_function("recompute all figures (no filter)", |b| b.iter(|| compute(engine.state(), &Filter::default())));
    let district = Filter { district: Some(fairlog_domain::place::District::Pudong), ..Filter::default() };
    g.bench_function("recompute figures for one district", |b| b.iter(|| compute(engine.state(), &district)));
    // What the app does per new event: apply it (in place), then recompute the figures.
    let now = engine.log().entries().last().unwrap().recorded_at;
    g.bench_function("one new event, then recompute", |b| {
        b.iter(|| {
            let mut cmd = organizer_cmd(BookingCommand::ExpireHolds);
            cmd.now = now;
            let _ = engine.execute(cmd, uuid::Uuid::new_v4);
            compute(engine.state(), &Filter::default())
        })
    });
    g.finish();
}

criterion_group!(benches, figures);
criterion_main!(benches);
