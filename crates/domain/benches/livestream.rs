//! Livestream conflict checks at scale: one move in a week of 2,000 scheduled sessions
//! (50 channels, 300 hosts, 600 featured enterprises).
//!
//! `cargo bench -p fairlog-domain --bench livestream`
use chrono::Duration;
use criterion::{criterion_group, criterion_main, Criterion};
use fairlog_domain::livestream::synth::{session_id, week};
use fairlog_domain::livestream::{conflicts_if_moved, LivestreamCommand};
use fairlog_domain::testing::t;
use fairlog_domain::{decide, Actor, Command};
use uuid::Uuid;

fn one_move(c: &mut Criterion) {
    let monday = t("2026-03-09T00:00");
    let engine = week(monday, 50, 2000);
    let state = engine.state();
    assert_eq!(state.live_sessions.len(), 2000);
    let id = session_id(1000);
    let s = state.live_sessions[&id].clone();
    let mut g = c.benchmark_group("livestream week of 2000 sessions");
    // Onto the next slot of the same channel: a hard conflict to find and explain.
    let onto = s.plan.start + Duration::minutes(100);
    assert!(!conflicts_if_moved(state, id, onto, s.plan.minutes).is_empty());
    g.bench_function("conflict check, one move (conflicting)", |b| {
        b.iter(|| conflicts_if_moved(state, id, onto, s.plan.minutes))
    });
    // To 20:00 the next day: after the channel's last session, and the host's and the
    // enterprises' only sessions are at noon.
    let free = s.plan.start + Duration::days(1) + Duration::hours(8);
    assert!(conflicts_if_moved(state, id, free, s.plan.minutes).is_empty());
    g.bench_function("conflict check, one move (to a free time on another day)", |b| {
        b.iter(|| conflicts_if_moved(state, id, free, s.plan.minutes))
    });
    let cmd = |start| Command {
        actor: Actor::organizer("王敏"),
        now: monday - Duration::days(1),
        intent: LivestreamCommand::MoveSession { session_id: id, start, minutes: s.plan.minutes, accept: vec![] }
            .into(),
    };
    g.bench_function("decide MoveSession (refused: hard conflict)", |b| b.iter(|| decide(state, cmd(onto))));
    assert!(engine.prepare(cmd(free), Uuid::new_v4).is_ok(), "the move to another day is accepted");
    g.bench_function("decide + seal MoveSession (accepted)", |b| {
        b.iter(|| engine.prepare(cmd(free), Uuid::new_v4).map(|v| v.len()))
    });
    g.finish();
}

criterion_group!(benches, one_move);
criterion_main!(benches);
