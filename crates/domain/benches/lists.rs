//! The long lists at the seeds' scale (25,600 enterprises, 1,140 fairs): what one keystroke in a
//! search box costs, and what building the enterprise index costs once per state.
//!
//! `cargo bench -p fairlog-domain --bench lists`
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use fairlog_domain::seed_season::{seed_season, SeedScale};
use fairlog_domain::views::{self, enterprise_list, EnterpriseIndex, EnterpriseQuery, FairFilter};

fn lists(c: &mut Criterion) {
    let engine = seed_season(SeedScale::SEEDS, 7).engine;
    let state = engine.state();
    let index = EnterpriseIndex::new(state);
    eprintln!("{} enterprises, {} fairs", state.enterprises.len(), state.fairs.len());
    // A name far down the list (the last one in list order), searched by a part of it.
    let last =
        views::enterprise_list(state, &EnterpriseQuery::default()).last().map(|e| e.profile.name.clone()).unwrap();
    let part: String = last.chars().skip(1).take(4).collect();
    let typed = EnterpriseQuery { text: part.clone(), ..EnterpriseQuery::default() };
    let one_char = EnterpriseQuery { text: "电".into(), ..EnterpriseQuery::default() };
    eprintln!("searching {part:?} finds {} enterprises", index.matching(&typed).len());

    let mut g = c.benchmark_group("lists");
    g.bench_function("enterprise index: build (once per state)", |b| b.iter(|| EnterpriseIndex::new(black_box(state))));
    g.bench_function("enterprise index: all 25,600 in order", |b| {
        b.iter(|| index.matching(black_box(&EnterpriseQuery::default())))
    });
    g.bench_function("enterprise index: one keystroke (4 chars)", |b| b.iter(|| index.matching(black_box(&typed))));
    g.bench_function("enterprise index: one keystroke (1 char)", |b| b.iter(|| index.matching(black_box(&one_char))));
    g.bench_function("enterprise list from the state: one keystroke (4 chars)", |b| {
        b.iter(|| enterprise_list(black_box(state), black_box(&typed)).len())
    });
    g.bench_function("enterprise list from the state: all in order", |b| {
        b.iter(|| enterprise_list(black_box(state), black_box(&EnterpriseQuery::default())).len())
    });
    let fair_text = FairFilter { text: "千企".into(), ..FairFilter::default() };
    g.bench_function("fairs: one keystroke over 1,140 fairs", |b| {
        b.iter(|| views::fairs(black_box(state), black_box(&fair_text)).len())
    });
    g.finish();
}

criterion_group!(benches, lists);
criterion_main!(benches);
