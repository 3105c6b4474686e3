use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
fn replay(_c: &mut Criterion) {}
criterion_group!(benches, replay);
criterion_main!(benches);
