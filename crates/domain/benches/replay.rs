//! Replay, import and one command at scale.
//!
//! `cargo bench -p fairlog-domain --bench replay`
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use fairlog_domain::fair::FairCommand;
use fairlog_domain::ids::FairId;
use fairlog_domain::synth::fair_log;
use fairlog_domain::testing::{organizer_cmd, xuhui_fair};
use fairlog_domain::{codec, Engine, State};
use uuid::Uuid;

fn replay(c: &mut Criterion) {
    let mut g = c.benchmark_group("replay");
    g.sample_size(10);
    for n in [10_000usize, 100_000] {
        let engine = fair_log(n, 7);
        let events = engine.log().entries().to_vec();
        g.bench_with_input(BenchmarkId::new("fair events", n), &events, |b, events| {
            b.iter(|| State::replay(events.iter()))
        });
    }
    g.finish();
}

fn import(c: &mut Criterion) {
    let mut g = c.benchmark_group("import");
    g.sample_size(10);
    let text = codec::export(fair_log(100_000, 7).log());
    g.bench_function("verify and parse 100k events (JSONL)", |b| b.iter(|| codec::import(&text).unwrap()));
    g.bench_function("restore 100k stored lines into an engine", |b| {
        let lines: Vec<(u64, Option<&str>)> =
            text.lines().skip(1).enumerate().map(|(i, l)| (i as u64 + 1, Some(l))).collect();
        b.iter(|| Engine::restore(lines.iter().cloned()))
    });
    g.finish();
}

fn one_command(c: &mut Criterion) {
    let mut g = c.benchmark_group("one command at 100k events");
    let mut engine = fair_log(100_000, 7);
    let mut n = 0u128;
    // One growing engine (a few thousand events over 100k): decide, seal (JSON + SHA-256),
    // append and evolve in place, as the app does after its IndexedDB write.
    g.bench_function("prepare + commit CreateFair", |b| {
        b.iter(|| {
            n += 1;
            let cmd = organizer_cmd(FairCommand::CreateFair {
                fair_id: FairId(Uuid::from_u128(0xF00D_0000 + n)),
                details: xuhui_fair("基准测试招聘会"),
            });
            engine.execute(cmd, Uuid::new_v4).unwrap().len()
        })
    });
    g.bench_function("decide + seal only (what the UI waits for before IndexedDB)", |b| {
        b.iter(|| {
            n += 1;
            let cmd = organizer_cmd(FairCommand::CreateFair {
                fair_id: FairId(Uuid::from_u128(0xF00D_0000 + n)),
                details: xuhui_fair("基准测试招聘会"),
            });
            engine.prepare(cmd, Uuid::new_v4).unwrap()
        })
    });
    g.finish();
}

criterion_group!(benches, replay, import, one_command);
criterion_main!(benches);
