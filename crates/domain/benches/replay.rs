//! Replay, import and one command at scale.
//!
//! `cargo bench -p fairlog-domain --bench replay`
use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use fairlog_domain::fair::{FairCommand, FairStatus};
use fairlog_domain::ids::FairId;
use fairlog_domain::synth::fair_log;
use fairlog_domain::testing::{organizer_cmd, xuhui_fair};
use fairlog_domain::{codec, Command, Engine, State};
use uuid::Uuid;

fn replay(c: &mut Criterion) {
    let mut g = c.benchmark_group("replay");
    g.sample_size(10);
    for n in [10_000usize, 100_000] {
        // Envelopes as `codec::import` returns them (parsed from the exported text).
        let events = codec::import(&codec::export(fair_log(n, 7).log())).unwrap().envelopes;
        assert_eq!(events.len(), n);
        g.bench_with_input(BenchmarkId::new("fair events", n), &events, |b, events| {
            // The state is kept after a replay (as the app keeps it), so dropping it is not timed.
            b.iter_with_large_drop(|| State::replay(events.iter()))
        });
    }
    g.finish();
}

fn import(c: &mut Criterion) {
    let mut g = c.benchmark_group("import");
    g.sample_size(10);
    let text = codec::export(fair_log(100_000, 7).log());
    eprintln!("100k events: {:.1} MiB of JSONL", text.len() as f64 / (1024.0 * 1024.0));
    g.bench_function("verify and parse 100k events (JSONL)", |b| b.iter(|| codec::import(&text).unwrap()));
    g.bench_function("restore 100k stored lines into an engine", |b| {
        let lines: Vec<(u64, Option<&str>)> =
            text.lines().skip(1).enumerate().map(|(i, l)| (i as u64 + 1, Some(l))).collect();
        b.iter(|| Engine::restore(lines.iter().cloned()))
    });
    g.finish();
}

/// At most this many commands are added to the 100k-event engine before it is reset (outside
/// the timing) to a fresh copy, so every measured command runs at 100,000–100,999 events.
const RESET_EVERY: usize = 1_000;

/// Time `one` on an engine that holds 100k events, one command per measured call.
fn at_100k(
    base: &Engine,
    engine: &mut Engine,
    iters: u64,
    mut make: impl FnMut(&Engine) -> Command,
    mut one: impl FnMut(&mut Engine, Command),
) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        if engine.log().len() >= base.log().len() + RESET_EVERY {
            *engine = base.clone();
        }
        let cmd = make(engine);
        let t0 = Instant::now();
        one(engine, cmd);
        total += t0.elapsed();
    }
    total
}

fn one_command(c: &mut Criterion) {
    let mut g = c.benchmark_group("one command at 100k events");
    let base = fair_log(100_000, 7);
    assert_eq!(base.log().len(), 100_000);
    let mut engine = base.clone();
    let mut n = 0u128;
    let mut event_id = move || {
        n += 1;
        Uuid::from_u128(0xBE_0000_0000 + n)
    };
    let mut m = 0u128;
    // Decide, seal (JSON + SHA-256), append and evolve in place, as the app does after its
    // IndexedDB write.
    g.bench_function("execute CreateFair", |b| {
        b.iter_custom(|iters| {
            at_100k(
                &base,
                &mut engine,
                iters,
                |_| {
                    m += 1;
                    organizer_cmd(FairCommand::CreateFair {
                        fair_id: FairId(Uuid::from_u128(0xF00D_0000 + m)),
                        details: xuhui_fair("基准测试招聘会"),
                    })
                },
                |e, cmd| {
                    black_box(e.execute(cmd, &mut event_id).unwrap().len());
                },
            )
        })
    });
    // Edit a draft fair at its current version, alternating the capacity so it always changes.
    let draft = base.state().fairs.values().find(|f| f.status == FairStatus::Draft).expect("a draft fair").id;
    g.bench_function("execute EditFair", |b| {
        b.iter_custom(|iters| {
            at_100k(
                &base,
                &mut engine,
                iters,
                |e| {
                    let fair = &e.state().fairs[&draft];
                    let mut details = fair.details.clone();
                    details.capacity = Some(if details.capacity == Some(1234) { 4321 } else { 1234 });
                    organizer_cmd(FairCommand::EditFair {
                        fair_id: draft,
                        expected_version: fair.version,
                        details: *details,
                    })
                },
                |e, cmd| {
                    black_box(e.execute(cmd, &mut event_id).unwrap().len());
                },
            )
        })
    });
    g.bench_function("decide + seal only (what the UI waits for before IndexedDB)", |b| {
        b.iter(|| {
            m += 1;
            let cmd = organizer_cmd(FairCommand::CreateFair {
                fair_id: FairId(Uuid::from_u128(0xF00D_0000 + m)),
                details: xuhui_fair("基准测试招聘会"),
            });
            base.prepare(cmd, Uuid::new_v4).unwrap()
        })
    });
    g.finish();
}

/// One booking or floor-plan command against a log of 100k events holding 40 fairs of 1,000
/// booths, 1,000 enterprises and their requests, approvals, rejections and moves.
fn booth_command(c: &mut Criterion) {
    use fairlog_domain::booking::{BookingCommand, BookingStatus, BoothTarget};
    use fairlog_domain::floor_plan::FloorPlanCommand;
    use fairlog_domain::ids::{BookingId, EnterpriseId};
    use fairlog_domain::synth_booths::{booth_log, fresh_id, synth_now};
    use fairlog_domain::{views, Actor, Command, Intent, Role};

    let mut g = c.benchmark_group("one booking or floor-plan command at 100k events");
    let mut engine = booth_log(100_000, 11);
    let s = engine.state();
    let fair = *s.fairs.keys().next().expect("fairs");
    let free = views::free_booths(s, fair)[0].id;
    let pending = views::approval_queue(s, fair, synth_now())[0].booking_id;
    let moving = *s.floor_plans[&fair].booths.keys().next().expect("booths");
    // Enterprises with no booking at this fair (the request/cancel bench takes them in turn, so
    // that no one enterprise piles up thousands of cancelled bookings).
    let ents: Vec<EnterpriseId> = s
        .enterprises
        .keys()
        .filter(|e| views::enterprise_bookings(s, **e).iter().all(|b| b.fair_id != fair))
        .copied()
        .collect();
    let ent = ents[0];
    assert!(matches!(s.bookings[&pending].status, BookingStatus::Requested { .. }));
    let organizer = Actor::organizer("王敏");
    let as_ent =
        |e: EnterpriseId| Actor { role: Role::Enterprise, name: "联系人".into(), subject: Some(e.0), account: None };
    let cmd = |actor: &Actor, intent: Intent| Command { actor: actor.clone(), now: synth_now(), intent };
    let request = |n: u128, enterprise_id: EnterpriseId| {
        BookingCommand::RequestBooth {
            booking_id: BookingId(fresh_id(n)),
            fair_id: fair,
            enterprise_id,
            target: BoothTarget::Booth { booth_id: free },
        }
        .into()
    };
    println!(
        "log: {} events, {} booths, {} bookings, {} enterprises free at the fair",
        engine.log().len(),
        s.booth_fair.len(),
        s.bookings.len(),
        ents.len()
    );

    g.bench_function("decide + seal RequestBooth", |b| {
        b.iter(|| engine.prepare(cmd(&as_ent(ent), request(0, ent)), Uuid::new_v4).unwrap())
    });
    g.bench_function("decide + seal ApproveBooking", |b| {
        let c = cmd(&organizer, BookingCommand::ApproveBooking { booking_id: pending }.into());
        b.iter(|| engine.prepare(c.clone(), Uuid::new_v4).unwrap())
    });
    g.bench_function("decide + seal MoveBooth (checked against 1,000 booths)", |b| {
        let r = engine.state().floor_plans[&fair].booths[&moving].rect;
        let x = if r.x % 4 == 0 { r.x + 1 } else { r.x - 1 };
        let c = cmd(&organizer, FloorPlanCommand::MoveBooth { booth_id: moving, x, y: r.y }.into());
        b.iter(|| engine.prepare(c.clone(), Uuid::new_v4).unwrap())
    });
    g.bench_function("prepare + commit MoveBooth (back and forth)", |b| {
        b.iter(|| {
            let r = engine.state().floor_plans[&fair].booths[&moving].rect;
            let x = if r.x % 4 == 0 { r.x + 1 } else { r.x - 1 };
            let c = cmd(&organizer, FloorPlanCommand::MoveBooth { booth_id: moving, x, y: r.y }.into());
            engine.execute(c, Uuid::new_v4).unwrap().len()
        })
    });
    let mut n = 1u128;
    g.bench_function("prepare + commit RequestBooth then CancelBooking (two commands)", |b| {
        b.iter(|| {
            n += 1;
            let e = ents[n as usize % ents.len()];
            engine.execute(cmd(&as_ent(e), request(n, e)), Uuid::new_v4).unwrap();
            let cancel = BookingCommand::CancelBooking { booking_id: BookingId(fresh_id(n)) }.into();
            engine.execute(cmd(&as_ent(e), cancel), Uuid::new_v4).unwrap().len()
        })
    });
    g.finish();
}

criterion_group!(benches, replay, import, one_command, booth_command);
criterion_main!(benches);
