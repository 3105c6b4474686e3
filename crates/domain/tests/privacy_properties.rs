//! Privacy by stream, over generated seasons (proptest): the demo season, then arbitrary booth
//! requests, approvals, rejections with reasons, cancellations, waitlist places, offers and
//! expiries by the enterprises and the organizer, at moving times. For every enterprise audience:
//! (a) no filtered line holds another enterprise's contact, rejection reason, commissioner, key
//! mark or identity on a booking (the serialized bytes are searched); (b) the filtered stream
//! replays in a partial replica; (c) the enterprise's own bookings, waitlist places and posts,
//! and every floor plan's booth states, are those of the full log; (d) an organizer gets the full
//! log byte for byte. Also: filtering a line with the state as of that line gives what the
//! current state gives (ownership never changes).
use chrono::{DateTime, Duration, Utc};
use fairlog_domain::booking::{BookingCommand, BoothTarget};
use fairlog_domain::floor_plan::FloorPlanCommand;
use fairlog_domain::ids::*;
use fairlog_domain::log::to_line;
use fairlog_domain::privacy::{filter, filter_line, pseudonym, Audience, Replica};
use fairlog_domain::testing::{counter_ids, demo_engine, t};
use fairlog_domain::{enterprise_views, evolve, views, Actor, Command, Engine, Intent, Role, State};
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Op {
    Request {
        ent: usize,
        fair: usize,
        booth: usize,
        any_zone: bool,
    },
    Approve(usize),
    Reject(usize),
    Cancel {
        booking: usize,
        by_enterprise: bool,
    },
    Join {
        ent: usize,
        fair: usize,
    },
    Leave(usize),
    Accept(usize),
    Decline(usize),
    Expire,
    Wait(u16),
    /// Every free booth of a fair requested, by enterprises in turn (so that others wait).
    Fill {
        fair: usize,
        ent: usize,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..40usize, 0..8usize, 0..60usize, any::<bool>())
            .prop_map(|(ent, fair, booth, any_zone)| Op::Request { ent, fair, booth, any_zone }),
        2 => (0..200usize).prop_map(Op::Approve),
        2 => (0..200usize).prop_map(Op::Reject),
        1 => (0..200usize, any::<bool>()).prop_map(|(booking, by_enterprise)| Op::Cancel { booking, by_enterprise }),
        3 => (0..40usize, 0..8usize).prop_map(|(ent, fair)| Op::Join { ent, fair }),
        1 => (0..100usize).prop_map(Op::Leave),
        1 => (0..200usize).prop_map(Op::Accept),
        1 => (0..200usize).prop_map(Op::Decline),
        1 => Just(Op::Expire),
        1 => (1..12u16).prop_map(Op::Wait),
        2 => (0..8usize, 0..40usize).prop_map(|(fair, ent)| Op::Fill { fair, ent }),
    ]
}

fn pick<T: Clone>(v: &[T], i: usize) -> Option<T> {
    (!v.is_empty()).then(|| v[i % v.len()].clone())
}

fn as_enterprise(state: &State, e: EnterpriseId) -> Actor {
    let name = state.enterprises.get(&e).map(|x| x.profile.contact_name.clone()).unwrap_or_default();
    Actor { role: Role::Enterprise, name, subject: Some(e.0), account: None }
}

/// The demo season with `ops` applied (refused commands are skipped).
fn season(ops: &[Op]) -> Engine {
    let mut engine = demo_engine();
    let mut ids = counter_ids(9_000_000);
    let organizer = Actor::organizer("王敏");
    let mut now: DateTime<Utc> = t("2026-11-24T10:30");
    for (n, op) in ops.iter().enumerate() {
        let s = engine.state().clone();
        let ents: Vec<EnterpriseId> = s.enterprises.keys().copied().collect();
        let fairs: Vec<FairId> = s.floor_plans.keys().copied().collect();
        use fairlog_domain::booking::BookingStatus as St;
        let with = |f: fn(&St) -> bool| -> Vec<BookingId> {
            s.bookings.values().filter(|b| f(&b.status)).map(|b| b.id).collect()
        };
        let pending = with(|s| matches!(s, St::Requested { .. }));
        let offered = with(|s| matches!(s, St::Offered { .. }));
        let active = with(|s| s.is_active());
        let places: Vec<WaitlistId> = s.waitlist.keys().copied().collect();
        let owner = |b: BookingId| s.bookings.get(&b).map(|b| b.enterprise_id);
        let cmd: Option<(Actor, Intent)> = match op {
            Op::Request { ent, fair, booth, any_zone } => (|| {
                let e = pick(&ents, *ent)?;
                let f = pick(&fairs, *fair)?;
                let plan = s.floor_plans.get(&f)?;
                let booths: Vec<_> = plan.booths.values().collect();
                let b = pick(&booths, *booth)?;
                let target = if *any_zone {
                    BoothTarget::AnyInZone { zone_id: b.zone_id }
                } else {
                    BoothTarget::Booth { booth_id: b.id }
                };
                let booking_id = BookingId(ids());
                Some((
                    as_enterprise(&s, e),
                    BookingCommand::RequestBooth { booking_id, fair_id: f, enterprise_id: e, target }.into(),
                ))
            })(),
            Op::Approve(i) => {
                pick(&pending, *i).map(|b| (organizer.clone(), BookingCommand::ApproveBooking { booking_id: b }.into()))
            }
            Op::Reject(i) => pick(&pending, *i).map(|b| {
                let reason = format!("拒绝理由{n}号保密");
                (organizer.clone(), BookingCommand::RejectBooking { booking_id: b, reason }.into())
            }),
            Op::Cancel { booking, by_enterprise } => pick(&active, *booking).map(|b| {
                let actor = if *by_enterprise { as_enterprise(&s, owner(b).unwrap()) } else { organizer.clone() };
                (actor, BookingCommand::CancelBooking { booking_id: b }.into())
            }),
            Op::Join { ent, fair } => (|| {
                let full: Vec<FairId> =
                    fairs.iter().copied().filter(|f| views::free_booths(&s, *f).is_empty()).collect();
                let f = pick(&full, *fair)?;
                let waiting: Vec<EnterpriseId> = ents
                    .iter()
                    .copied()
                    .filter(|e| enterprise_views::active_bookings_at(&s, *e, f).is_empty())
                    .collect();
                let e = pick(&waiting, *ent)?;
                let cmd = BookingCommand::JoinWaitlist {
                    waitlist_id: WaitlistId(ids()),
                    fair_id: f,
                    enterprise_id: e,
                    zone_id: None,
                };
                Some((as_enterprise(&s, e), cmd.into()))
            })(),
            Op::Leave(i) => pick(&places, *i).map(|w| {
                let e = s.waitlist[&w].enterprise_id;
                (as_enterprise(&s, e), BookingCommand::LeaveWaitlist { waitlist_id: w }.into())
            }),
            Op::Accept(i) | Op::Decline(i) => pick(&offered, *i).map(|b| {
                let actor = as_enterprise(&s, owner(b).unwrap());
                let cmd = if matches!(op, Op::Accept(_)) {
                    BookingCommand::AcceptOffer { booking_id: b }
                } else {
                    BookingCommand::DeclineOffer { booking_id: b }
                };
                (actor, cmd.into())
            }),
            Op::Expire => Some((organizer.clone(), BookingCommand::ExpireHolds.into())),
            Op::Fill { fair, ent } => {
                // Fairs still taking requests; a booth no one may take (booth limits) is blocked.
                let open: Vec<FairId> =
                    fairs.iter().copied().filter(|f| enterprise_views::requests_open(&s, &s.fairs[f], now)).collect();
                if let Some(f) = pick(&open, *fair) {
                    let free: Vec<BoothId> = views::free_booths(&s, f).iter().map(|b| b.id).collect();
                    for (i, booth_id) in free.into_iter().enumerate() {
                        now += Duration::minutes(1);
                        // (The last few enterprises are kept out, to wait for a booth.)
                        let fillers = ents.len().saturating_sub(4).max(1);
                        let taken = (0..fillers).any(|k| {
                            let e = ents[(ent + i + k) % fillers];
                            let actor = as_enterprise(engine.state(), e);
                            let intent = BookingCommand::RequestBooth {
                                booking_id: BookingId(ids()),
                                fair_id: f,
                                enterprise_id: e,
                                target: BoothTarget::Booth { booth_id },
                            };
                            engine.execute(Command { actor, now, intent: intent.into() }, &mut ids).is_ok()
                        });
                        if !taken {
                            let intent = FloorPlanCommand::BlockBooth { booth_id, reason: "留作通道".into() };
                            let _ = engine
                                .execute(Command { actor: organizer.clone(), now, intent: intent.into() }, &mut ids);
                        }
                    }
                }
                None
            }
            Op::Wait(h) => {
                now += Duration::hours(*h as i64);
                None
            }
        };
        if let Some((actor, intent)) = cmd {
            now += Duration::minutes(3);
            let _ = engine.execute(Command { actor, now, intent }, &mut ids);
        }
    }
    engine
}

fn lines(engine: &Engine) -> Vec<String> {
    engine.log().entries().iter().map(to_line).collect()
}

/// What must never reach `me`: every other enterprise's contact name and phone, the reasons its bookings were rejected, and its id on a booking or waitlist line.
fn secrets_of_others(engine: &Engine, me: EnterpriseId) -> Vec<String> {
    use fairlog_domain::booking::BookingEvent;
    use fairlog_domain::Event;
    let s = engine.state();
    let mut out = Vec::new();
    for (id, e) in &s.enterprises {
        if *id == me {
            continue;
        }
        out.push(e.profile.contact_name.clone());
        out.push(e.profile.contact_phone.clone());
    }
    for env in engine.log().entries() {
        if let Event::Booking(BookingEvent::BookingRejected { booking_id, reason }) = &env.event {
            if s.bookings[booking_id].enterprise_id != me {
                out.push(reason.clone());
            }
        }
    }
    // (A generic contact such as 招聘负责人 may be its own too.)
    let own = s.enterprises.get(&me).map(|e| [e.profile.contact_name.clone(), e.profile.contact_phone.clone()]);
    out.retain(|x| !x.is_empty() && !own.as_ref().is_some_and(|o| o.contains(x)));
    out
}

fn check_audience(engine: &Engine, full: &[String], me: EnterpriseId) -> Result<(), TestCaseError> {
    let state = engine.state();
    let audience = Audience::Enterprise(me);
    let mut records = Vec::new();
    for (env, line) in engine.log().entries().iter().zip(full) {
        if let Some(l) = filter_line(state, &audience, line).unwrap() {
            records.push((env.seq, l.into_owned()));
        }
    }
    // (a) the bytes
    let secrets = secrets_of_others(engine, me);
    for (seq, line) in &records {
        for secret in &secrets {
            prop_assert!(!line.contains(secret.as_str()), "line {seq} for {me} holds {secret:?}: {line}");
        }
        prop_assert!(
            !line.contains("KeyEnterprise") || line.contains(&me.to_string()),
            "a key mark of another: {line}"
        );
        // (Commissioners are recorded only by these events.)
        prop_assert!(
            !line.contains("Commissioner") || line.contains(&me.to_string()),
            "a commissioner of another: {line}"
        );
        if line.contains("BoothRequested") || line.contains("WaitlistJoined") {
            for other in state.enterprises.keys().filter(|e| **e != me) {
                prop_assert!(!line.contains(&other.to_string()), "another's request: {line}");
            }
        }
    }
    // (b) the replay
    let (replica, problem) = Replica::restore(records.iter().map(|(k, l)| (*k, Some(l.as_str()))));
    prop_assert_eq!(problem, None);
    prop_assert_eq!(replica.last_seq(), records.last().map(|r| r.0).unwrap_or(0));
    // ...and the browser's engine replays it the same way, to the same state and cursor.
    let (engine, problem) =
        fairlog_domain::Engine::restore_filtered(records.iter().map(|(k, l)| (*k, Some(l.as_str()))));
    prop_assert_eq!(problem, None);
    prop_assert_eq!(engine.log().last_seq(), replica.last_seq());
    prop_assert_eq!(engine.log().last_hash(), replica.last_link());
    prop_assert_eq!(engine.state(), replica.state());
    // (c) the views
    let partial = replica.state();
    prop_assert_eq!(
        enterprise_views::enterprise_bookings(state, me),
        enterprise_views::enterprise_bookings(partial, me)
    );
    prop_assert_eq!(
        enterprise_views::enterprise_waitlist(state, me),
        enterprise_views::enterprise_waitlist(partial, me)
    );
    prop_assert_eq!(enterprise_views::enterprise_posts(state, me), enterprise_views::enterprise_posts(partial, me));
    for fair in state.floor_plans.keys() {
        let booths = |s: &State| {
            views::floor_plan(s, *fair)
                .booths
                .into_iter()
                .map(|b| (b.id, b.state, b.booking_id, b.enterprise_id.filter(|e| *e == me)))
                .collect::<Vec<_>>()
        };
        prop_assert_eq!(booths(state), booths(partial));
        prop_assert_eq!(
            enterprise_views::virtual_booths(state, *fair),
            enterprise_views::virtual_booths(partial, *fair)
        );
    }
    // Another's booking shows under a pseudonym that is not shared with its other bookings.
    for b in partial.bookings.values() {
        if b.enterprise_id != me {
            prop_assert!(pseudonym::is_pseudonym(b.enterprise_id));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn every_enterprise_receives_only_what_it_may_and_replays_it(ops in prop::collection::vec(op(), 0..120)) {
        let engine = season(&ops);
        let full = lines(&engine);
        for me in engine.state().enterprises.keys() {
            check_audience(&engine, &full, *me)?;
        }
    }

    #[test]
    fn an_organizer_receives_the_full_log_byte_for_byte(ops in prop::collection::vec(op(), 0..60)) {
        let engine = season(&ops);
        for line in lines(&engine) {
            let got = filter_line(engine.state(), &Audience::Organizer, &line).unwrap();
            prop_assert_eq!(got.as_deref(), Some(line.as_str()));
        }
    }

    #[test]
    fn filtering_with_the_state_of_the_time_gives_the_same_lines(ops in prop::collection::vec(op(), 0..120)) {
        // Ownership never changes: the server may filter an old line with its current state.
        let engine = season(&ops);
        let audiences: Vec<Audience> = engine.state().enterprises.keys().take(4).map(|e| Audience::Enterprise(*e))
            .chain([Audience::Public]).collect();
        let mut then = State::default();
        for env in engine.log().entries() {
            evolve(&mut then, env);
            for a in &audiences {
                prop_assert_eq!(filter(&then, a, env), filter(engine.state(), a, env));
            }
        }
    }
}

#[test]
fn the_public_and_hosts_replay_their_streams_too() {
    let engine = season(&[]);
    let full = lines(&engine);
    let hosts: Vec<Audience> = engine.state().hosts.keys().map(|h| Audience::Host(*h)).collect();
    for audience in hosts.into_iter().chain([Audience::Public]) {
        let records: Vec<(u64, String)> = engine
            .log()
            .entries()
            .iter()
            .zip(&full)
            .filter_map(|(e, l)| filter_line(engine.state(), &audience, l).unwrap().map(|l| (e.seq, l.into_owned())))
            .collect();
        let (replica, problem) = Replica::restore(records.iter().map(|(k, l)| (*k, Some(l.as_str()))));
        assert_eq!(problem, None, "{audience:?}");
        // Every session (a host's own included) is as in the full log: plan, status, line-up.
        let sessions = |s: &State| {
            s.live_sessions
                .values()
                .map(|x| {
                    (
                        x.id,
                        x.plan.clone(),
                        x.status.clone(),
                        x.lineup.iter().map(|f| f.enterprise_id).collect::<Vec<_>>(),
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(sessions(replica.state()), sessions(engine.state()), "{audience:?}");
        assert!(!engine.state().live_sessions.is_empty());
        for (_, l) in &records {
            for e in engine.state().enterprises.values() {
                assert!(!l.contains(&e.profile.contact_phone), "{audience:?}: {l}");
            }
        }
    }
}

#[test]
fn the_generated_seasons_reach_rejections_waitlists_and_offers() {
    use proptest::strategy::ValueTree;
    use std::collections::BTreeMap;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let mut seen: BTreeMap<&'static str, usize> = BTreeMap::new();
    for _ in 0..6 {
        let ops = prop::collection::vec(op(), 120).new_tree(&mut runner).unwrap().current();
        let engine = season(&ops);
        for env in &engine.log().entries()[demo_engine().log().len()..] {
            *seen.entry(env.event.type_name()).or_default() += 1;
        }
    }
    for kind in [
        "BoothRequested",
        "BookingApproved",
        "BookingRejected",
        "BookingCancelled",
        "WaitlistJoined",
        "WaitlistOffered",
        "OfferAccepted",
    ] {
        assert!(seen.get(kind).copied().unwrap_or(0) > 0, "no {kind} in {seen:?}");
    }
}
