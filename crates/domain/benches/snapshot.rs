//! Cold start at the seeds' scale: from a snapshot (decode + resume on the stored line it covers,
//! with the last 1,000 events as the tail) against a full replay of the stored lines
//! (`Engine::restore`: parse, chain, judge, evolve) and against evolving parsed envelopes only.
//!
//! `cargo bench -p fairlog-domain --bench snapshot`
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use fairlog_domain::log::{to_line, Cursor};
use fairlog_domain::seed_season::{seed_season, SeedScale};
use fairlog_domain::{snapshot, Engine, State};

const TAIL: usize = 1_000;

fn cold_start(c: &mut Criterion) {
    let t0 = std::time::Instant::now();
    let engine = seed_season(SeedScale::SEEDS, 7).engine;
    eprintln!("seed scale generated in {:.1} s", t0.elapsed().as_secs_f64());
    let lines: Vec<(u64, Option<String>)> = engine.log().entries().iter().map(|e| (e.seq, Some(to_line(e)))).collect();
    let n = lines.len();
    let k = (n - TAIL) as u64;
    let cursor = Cursor { seq: k, hash: engine.log().hash_after(k as usize).to_owned(), events: k };
    let bytes = snapshot::encode_state(&engine.state_at(k), &cursor);
    let whole = snapshot::encode(&engine);
    eprintln!(
        "seed scale: {n} events, {} bytes of JSONL; snapshot {} bytes (at {k}), {} bytes (at the end)",
        lines.iter().map(|(_, l)| l.as_ref().map_or(0, |l| l.len() + 1)).sum::<usize>(),
        bytes.len(),
        whole.len()
    );

    let mut g = c.benchmark_group("cold start, seed scale");
    g.sample_size(10);
    g.bench_function("encode the snapshot", |b| b.iter(|| snapshot::encode(black_box(&engine))));
    g.bench_function("decode the snapshot", |b| b.iter_with_large_drop(|| snapshot::decode(&whole).unwrap()));
    let body = &whole[snapshot::HEADER_BYTES..];
    g.bench_function("of which the body's checksum", |b| b.iter(|| snapshot::checksum(black_box(body))));
    g.bench_function("of which the body (postcard into the state)", |b| {
        b.iter_with_large_drop(|| snapshot::decode_body(body).unwrap())
    });
    g.bench_function("snapshot + 1,000-event tail (decode, resume)", |b| {
        b.iter_with_large_drop(|| {
            let s = snapshot::decode(&bytes).unwrap();
            let covered = lines[k as usize - 1].1.as_deref();
            let (resumed, problem) = Engine::resume(s, covered, lines[k as usize..].iter().cloned()).unwrap();
            assert!(problem.is_none());
            resumed
        })
    });
    g.bench_function("full replay of the stored lines (Engine::restore)", |b| {
        b.iter_with_large_drop(|| Engine::restore(lines.iter().cloned()))
    });
    let envelopes = engine.log().entries().to_vec();
    g.bench_function("evolve parsed envelopes only (State::replay)", |b| {
        b.iter_with_large_drop(|| State::replay(envelopes.iter()))
    });
    g.finish();
}

criterion_group!(benches, cold_start);
criterion_main!(benches);
